-- Each 社区 of version $1 with its additive figures summed over its 小区, its area and
-- perimeter on the ellipsoid (geography, metres) and, for drawing, its stretch of the zone's
-- outer edge (filled by precompute-edges.sql). $2..$3 bound the 12 months of `issues12m` and `escalations12m`. `zone_edge_m` too is
-- filled there, once the shared lengths are known.
INSERT INTO planner_unit (
  version_id, code, name, pianqu_code, street, population, households, workers, open_issues,
  issues_12m, sites, staff, escalations_12m, area_m2, perimeter_m, zone_edge_m, label_point,
  geom, zone_edge
)
SELECT
  $1::int, s.code, s.name, s.parent_code, s.street,
  coalesce(x.population, 0), coalesce(x.households, 0), coalesce(w.n, 0),
  coalesce(i.open, 0), coalesce(i.recent, 0), coalesce(si.n, 0), coalesce(st.n, 0),
  coalesce(i.escalated, 0),
  ST_Area(s.geom::geography)::float8,
  ST_Perimeter(s.geom::geography)::float8,
  0,
  s.label_point,
  s.geom,
  NULL
FROM area s
LEFT JOIN LATERAL (
  SELECT sum(x.population)::int AS population, sum(x.households)::int AS households
  FROM area x WHERE x.parent_code = s.code AND x.level = 'xiaoqu'
) x ON true
LEFT JOIN LATERAL (
  SELECT sum(w.count)::int AS n
  FROM worker_post w JOIN area x ON x.code = w.xiaoqu_code
  WHERE x.parent_code = s.code
) w ON true
LEFT JOIN LATERAL (
  SELECT
    count(*) FILTER (WHERE i.status <> 'resolved')::int AS open,
    count(*) FILTER (WHERE i.reported_at >= $2::timestamptz AND i.reported_at < $3::timestamptz)::int AS recent,
    count(*) FILTER (WHERE i.handling_level = 'pianqu'
                       AND i.reported_at >= $2::timestamptz AND i.reported_at < $3::timestamptz)::int AS escalated
  FROM issue i JOIN area x ON x.code = i.xiaoqu_code
  WHERE x.parent_code = s.code
) i ON true
LEFT JOIN LATERAL (
  SELECT count(*)::int AS n FROM site JOIN area x ON x.code = site.xiaoqu_code
  WHERE x.parent_code = s.code
) si ON true
LEFT JOIN LATERAL (
  SELECT count(*)::int AS n FROM staff JOIN area x ON x.code = staff.xiaoqu_code
  WHERE x.parent_code = s.code
) st ON true
WHERE s.level = 'shequ'
