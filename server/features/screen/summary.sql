-- What the big screen shows that is not an area's figure (those come from the figures engine,
-- features/figures): the time of the count, issues reported and closed (办结) per month, and
-- tourist pressure through the year. $1 is the data set's IANA time zone.
WITH
now_local AS (
  SELECT now() AT TIME ZONE $1::text AS t
),
iss AS (
  SELECT
    local_month(i.reported_at, $1::text) AS reported_month,
    local_month(i.resolved_at, $1::text) AS resolved_month
  FROM issue i
),
first_month AS (
  SELECT min(reported_month) AS m FROM iss
),
-- The chart spans the record: to this month while the record runs, to its last month once it
-- has ended (a data set of past years draws no empty years up to today).
last_month AS (
  SELECT least(
    date_trunc('month', (SELECT t FROM now_local))::date,
    coalesce(greatest(max(reported_month), max(resolved_month)),
             date_trunc('month', (SELECT t FROM now_local))::date)
  ) AS m
  FROM iss
),
months AS (
  SELECT m::date AS month
  FROM generate_series(
    coalesce((SELECT m FROM first_month), (SELECT m FROM last_month)),
    (SELECT m FROM last_month),
    interval '1 month'
  ) AS m
),
reported_by_month AS (
  SELECT reported_month AS month, count(*) AS n FROM iss GROUP BY reported_month
),
resolved_by_month AS (
  SELECT resolved_month AS month, count(*) AS n FROM iss
  WHERE resolved_month IS NOT NULL GROUP BY resolved_month
),
-- Zone-wide visitors per hour of each month, then each month's busiest hour.
tourism_hours AS (
  SELECT month, hour, sum(visitors)::int AS visitors
  FROM tourism_pressure
  GROUP BY month, hour
),
tourism_peak AS (
  SELECT DISTINCT ON (month) month, hour, visitors
  FROM tourism_hours
  ORDER BY month, visitors DESC, hour
)
SELECT json_build_object(
  'at', to_char((SELECT t FROM now_local), 'YYYY-MM-DD"T"HH24:MI'),
  'today', to_char((SELECT t FROM now_local), 'YYYY-MM-DD'),
  'issuesByMonth', (
    SELECT json_agg(json_build_object(
      'month', to_char(m.month, 'YYYY-MM'),
      'reported', coalesce(rep.n, 0),
      'resolved', coalesce(res.n, 0)
    ) ORDER BY m.month)
    FROM months m
    LEFT JOIN reported_by_month rep ON rep.month = m.month
    LEFT JOIN resolved_by_month res ON res.month = m.month
  ),
  'tourism', json_build_object(
    'currentMonth', extract(month FROM (SELECT t FROM now_local))::int,
    'months', (
      SELECT coalesce(json_agg(json_build_object(
        'month', month, 'peakHourVisitors', visitors, 'peakHour', hour
      ) ORDER BY month), '[]'::json)
      FROM tourism_peak
    )
  )
) AS summary
