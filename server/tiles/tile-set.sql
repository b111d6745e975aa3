-- What a tile set's TileJSON and metadata.json say of one area level: the extent of its areas
-- (null when the level is empty) and the data set that fills it.
SELECT
  ST_XMin(x.e)::float8 AS west,
  ST_YMin(x.e)::float8 AS south,
  ST_XMax(x.e)::float8 AS east,
  ST_YMax(x.e)::float8 AS north,
  (SELECT d.source FROM dataset d) AS source,
  (SELECT min(a.name) FROM area a WHERE a.level = 'chengqu') AS zone_name
FROM (SELECT ST_Extent(a.geom)::box2d AS e FROM area a WHERE a.level = $1::text) AS x
