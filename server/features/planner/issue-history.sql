-- Issues reported per 片区 and month from $1 to $2 (first days of months), attributed by $3:
-- `then` counts each issue for the 片区 its 社区 belonged to on the day it was reported (from
-- the history table; before the first version, the first configuration), `now` for the
-- 社区's 片区 today: past workload re-aggregated under the current boundaries.
WITH tz AS MATERIALIZED (SELECT zone_tz() AS tz),
reported AS (
  SELECT i.handling_level, local_month(i.reported_at, tz.tz) AS month,
         local_day(i.reported_at, tz.tz) AS day,
         x.parent_code AS shequ
  FROM issue i
  CROSS JOIN tz
  JOIN area x ON x.code = i.xiaoqu_code
  WHERE i.reported_at >= local_start($1::date, tz.tz)
    AND i.reported_at < local_start(($2::date + interval '1 month')::date, tz.tz)
),
attributed AS (
  SELECT r.month, r.handling_level,
         CASE WHEN $3::text = 'now' THEN s.parent_code ELSE coalesce(h.pianqu_code, s.parent_code) END AS pianqu
  FROM reported r
  JOIN area s ON s.code = r.shequ
  LEFT JOIN LATERAL (
    SELECT h.pianqu_code FROM shequ_assignment h
    WHERE h.shequ_code = r.shequ
    ORDER BY (h.valid_from <= r.day) DESC,
             CASE WHEN h.valid_from <= r.day THEN h.valid_from END DESC NULLS LAST,
             h.valid_from
    LIMIT 1
  ) h ON $3::text = 'then'
)
SELECT a.pianqu AS "pianquCode",
       coalesce((SELECT p.name FROM area p WHERE p.code = a.pianqu),
                (SELECT v.name FROM pianqu_version v WHERE v.code = a.pianqu
                 ORDER BY v.version_id DESC LIMIT 1),
                a.pianqu) AS "pianquName",
       to_char(a.month, 'YYYY-MM') AS month,
       count(*)::int AS issues,
       (count(*) FILTER (WHERE a.handling_level = 'pianqu'))::int AS escalated
FROM attributed a
GROUP BY a.pianqu, a.month
ORDER BY a.pianqu, a.month
