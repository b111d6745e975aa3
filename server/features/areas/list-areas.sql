-- The areas of one level ($1), optionally only the children of one parent ($2), with their
-- geometry simplified to $3 degrees (null: full detail) and their unresolved issue counts.
WITH unresolved AS (
  -- Unresolved issues are few even when resolved ones number millions (partial index).
  SELECT
    CASE $1::text
      WHEN 'pianqu' THEN l.pianqu_code
      WHEN 'shequ' THEN l.shequ_code
      ELSE l.xiaoqu_code
    END AS code,
    count(*)::int AS n
  FROM issue i
  JOIN xiaoqu_lineage l ON l.xiaoqu_code = i.xiaoqu_code
  WHERE i.status <> 'resolved'
  GROUP BY 1
)
SELECT
  a.code,
  a.name,
  a.level,
  a.parent_code,
  a.street,
  a.compound_type,
  coalesce(a.households, 0) AS households,
  coalesce(a.population, 0) AS population,
  ST_X(a.label_point)::float8 AS label_lon,
  ST_Y(a.label_point)::float8 AS label_lat,
  coalesce(u.n, 0) AS unresolved_issues,
  -- RFC 7946: exterior rings counter-clockwise, and one geometry type per answer (simplifying
  -- may leave a MultiPolygon with one part, which would otherwise come out as a Polygon).
  ST_AsGeoJSON(
    ST_ForcePolygonCCW(ST_Multi(
      CASE WHEN $3::float8 IS NULL THEN a.geom ELSE ST_SimplifyPreserveTopology(a.geom, $3::float8) END
    )),
    6
  )::json AS geometry
FROM area a
LEFT JOIN unresolved u ON u.code = a.code
WHERE a.level = $1::text
  AND ($2::text IS NULL OR a.parent_code = $2::text)
ORDER BY a.code
