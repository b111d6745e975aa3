-- Whether staff row `s` is on duty at the local time (the zone's clock) `$AT`: its weekday,
-- its minute of the day and, for peak-only duty, the peak season (July, August, 1–7 October:
-- the National Day week). A fragment: `onDutySql(n)` puts the parameter's number in `$AT`.
(extract(isodow FROM $AT::timestamp)::int = ANY (s.duty_days)
 AND (extract(hour FROM $AT::timestamp) * 60 + extract(minute FROM $AT::timestamp)) >= s.duty_start
 AND (extract(hour FROM $AT::timestamp) * 60 + extract(minute FROM $AT::timestamp)) < s.duty_end
 AND (NOT s.peak_only OR extract(month FROM $AT::timestamp) IN (7, 8)
      OR (extract(month FROM $AT::timestamp) = 10 AND extract(day FROM $AT::timestamp) <= 7)))
