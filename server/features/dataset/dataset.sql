-- What the loaded data set says of itself (GET /api/dataset): its row, the zone (the one
-- 城区; the first by code if an import brought several), its streets and the span of its
-- record, read from the issues and activities in the data set's own clock.
WITH tz AS (SELECT zone_tz() AS tz),
zone AS (
  SELECT a.code, a.name,
    json_build_array(
      round(ST_XMin(ST_Extent(a.geom)::box2d)::numeric, 6),
      round(ST_YMin(ST_Extent(a.geom)::box2d)::numeric, 6),
      round(ST_XMax(ST_Extent(a.geom)::box2d)::numeric, 6),
      round(ST_YMax(ST_Extent(a.geom)::box2d)::numeric, 6)
    ) AS bbox
  FROM area a
  WHERE a.code = (SELECT min(code) FROM area WHERE level = 'chengqu')
  GROUP BY a.code, a.name
),
span AS (
  SELECT min(d) AS first_day, max(d) AS last_day
  FROM (
    SELECT local_day(min(reported_at), (SELECT tz FROM tz)) AS d FROM issue
    UNION ALL SELECT local_day(max(reported_at), (SELECT tz FROM tz)) FROM issue
    UNION ALL SELECT local_day(max(resolved_at), (SELECT tz FROM tz)) FROM issue
    UNION ALL SELECT min(held_on) FROM activity
    UNION ALL SELECT max(held_on) FROM activity
  ) AS d
)
SELECT
  d.name,
  d.source,
  coalesce(d.source = 'demo', false) AS "isDemo",
  (SELECT tz FROM tz) AS "timeZone",
  to_char(local_day(now(), (SELECT tz FROM tz)), 'YYYY-MM-DD') AS today,
  (SELECT json_build_object('code', code, 'name', name, 'bbox', bbox) FROM zone) AS zone,
  coalesce(
    (SELECT json_agg(json_build_object('code', s.code, 'name', s.name) ORDER BY s.code) FROM street s),
    '[]'::json
  ) AS streets,
  json_build_object(
    'firstMonth', to_char(span.first_day, 'YYYY-MM'),
    'lastMonth', to_char(span.last_day, 'YYYY-MM'),
    'lastDay', to_char(span.last_day, 'YYYY-MM-DD')
  ) AS record
FROM span
LEFT JOIN dataset d ON true
