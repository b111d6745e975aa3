-- The same issue points as tile-grid coordinates (0..4096, y down), for the server encoder.
-- Kept a statement of its own beside issue-tile-mvt.sql (same columns, same filter): a backend
-- without ST_AsMVT runs this one, and each stays one plain query the planner sees whole.
WITH bounds AS (
  SELECT
    ST_TileEnvelope($1::int, $2::int, $3::int) AS env,
    ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int), 4326) AS env4326,
    -- The data set's clock, read once: local months and days of every point.
    zone_tz() AS tz
)
SELECT
  i.id,
  i.category,
  issue_status_at(i.status, coalesce(local_month(i.resolved_at, b.tz), 'infinity'::date), $9::date) AS status,
  i.handling_level,
  to_char(local_day(i.reported_at, b.tz), 'YYYY-MM-DD') AS reported_on,
  coalesce(to_char(local_day(i.resolved_at, b.tz), 'YYYY-MM-DD'), '') AS resolved_on,
  x.name AS xiaoqu,
  round((ST_X(p.g) - ST_XMin(b.env)) * 4096 / (ST_XMax(b.env) - ST_XMin(b.env)))::int AS tx,
  round((ST_YMax(b.env) - ST_Y(p.g)) * 4096 / (ST_YMax(b.env) - ST_YMin(b.env)))::int AS ty
FROM issue i
JOIN area x ON x.code = i.xiaoqu_code
CROSS JOIN bounds b
CROSS JOIN LATERAL (SELECT ST_Transform(i.geom, 3857) AS g) p
WHERE i.geom && b.env4326
  AND issue_matches(i.category, i.status, i.handling_level, local_month(i.reported_at, b.tz),
                    coalesce(local_month(i.resolved_at, b.tz), 'infinity'::date),
                    $4::text[], $5::text[], $6::text[], $7::date, $8::date, $9::date)
ORDER BY i.id
