-- Each 社区 of version $1 with its figures, its area and perimeter on the ellipsoid
-- (geography, metres) and, for drawing, its stretch of the zone's outer edge (filled by
-- precompute-edges.sql, with `zone_edge_m`, once the shared lengths are known). The figures, $2
-- (JSON, one object per 社区), come from the figures engine (features/figures), the one every
-- panel reads: `open` is its 未解决 over all time, `recent` and `escalated` its 民生问题 and
-- 提级协调 in the 12 months up to the version's reference date.
WITH f AS (
  SELECT * FROM json_to_recordset($2::json) AS f(
    code text, population int, households int, workers int, open int, recent int,
    escalated int, sites int, staff int
  )
)
INSERT INTO planner_unit (
  version_id, code, name, pianqu_code, street, population, households, workers, open_issues,
  issues_12m, sites, staff, escalations_12m, area_m2, perimeter_m, zone_edge_m, label_point,
  geom, zone_edge
)
SELECT
  $1::int, s.code, s.name, s.parent_code, s.street,
  coalesce(f.population, 0), coalesce(f.households, 0), coalesce(f.workers, 0),
  coalesce(f.open, 0), coalesce(f.recent, 0), coalesce(f.sites, 0), coalesce(f.staff, 0),
  coalesce(f.escalated, 0),
  ST_Area(s.geom::geography)::float8,
  ST_Perimeter(s.geom::geography)::float8,
  0,
  s.label_point,
  s.geom,
  NULL
FROM area s
LEFT JOIN f ON f.code = s.code
WHERE s.level = 'shequ'
