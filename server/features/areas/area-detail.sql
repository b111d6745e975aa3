-- One area ($1) with its parent chain, its children and its bounding box.
WITH RECURSIVE chain AS (
  SELECT code, name, level, parent_code, 0 AS depth FROM area WHERE code = $1::text
  UNION ALL
  SELECT p.code, p.name, p.level, p.parent_code, c.depth + 1
  FROM area p
  JOIN chain c ON p.code = c.parent_code
)
SELECT
  a.code,
  a.name,
  a.level,
  a.street,
  a.compound_type,
  json_build_array(
    ST_XMin(a.geom::box2d), ST_YMin(a.geom::box2d), ST_XMax(a.geom::box2d), ST_YMax(a.geom::box2d)
  ) AS bbox,
  (
    SELECT coalesce(json_agg(json_build_object('code', c.code, 'name', c.name, 'level', c.level)
      ORDER BY c.depth DESC), '[]'::json)
    FROM chain c
    WHERE c.depth > 0
  ) AS chain,
  (
    SELECT coalesce(json_agg(json_build_object('code', k.code, 'name', k.name, 'level', k.level)
      ORDER BY k.code), '[]'::json)
    FROM area k
    WHERE k.parent_code = a.code
  ) AS children
FROM area a
WHERE a.code = $1::text
