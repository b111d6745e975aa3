-- What a tile set's TileJSON and metadata.json say of its area levels $1: the extent of their
-- areas (null when they are empty) and the data set that fills them.
SELECT
  ST_XMin(x.e)::float8 AS west,
  ST_YMin(x.e)::float8 AS south,
  ST_XMax(x.e)::float8 AS east,
  ST_YMax(x.e)::float8 AS north,
  (SELECT d.source FROM dataset d) AS source,
  (SELECT min(a.name) FROM area a WHERE a.level = 'chengqu') AS zone_name
FROM (SELECT ST_Extent(a.geom)::box2d AS e FROM area a WHERE a.level = ANY ($1::text[])) AS x
