-- 邻里之家 coverage: for each 小区 (of the subtree of $2, or all), the nearest site measured on
-- the spheroid, and whether it lies beyond $1 metres. A compound's households are placed at
-- its label point (inside the polygon). The KNN operator works in degrees, which are not
-- metres here (a degree of longitude is 0.79 of one of latitude), so it shortlists five and
-- geography picks the true nearest.
WITH RECURSIVE subtree AS (
  SELECT code, level FROM area WHERE code = coalesce($2::text, (SELECT code FROM area WHERE level = 'chengqu' LIMIT 1))
  UNION ALL
  SELECT a.code, a.level FROM area a JOIN subtree s ON a.parent_code = s.code
),
xq AS (
  SELECT x.code, x.name, coalesce(x.households, 0) AS households, x.label_point
  FROM area x
  JOIN subtree s ON s.code = x.code
  WHERE x.level = 'xiaoqu'
),
nearest AS (
  SELECT xq.*, n.site, n.metres
  FROM xq
  CROSS JOIN LATERAL (
    SELECT c.code AS site, ST_Distance(c.geom::geography, xq.label_point::geography) AS metres
    FROM (SELECT code, geom FROM site ORDER BY geom <-> xq.label_point LIMIT 5) AS c
    ORDER BY metres
    LIMIT 1
  ) AS n
)
SELECT
  code,
  name,
  households,
  round(metres::numeric, 1)::float8 AS metres,
  site,
  ST_X(label_point)::float8 AS lon,
  ST_Y(label_point)::float8 AS lat,
  (metres > $1::float8) AS uncovered
FROM nearest
ORDER BY metres DESC, code
