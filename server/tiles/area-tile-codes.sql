-- The areas of level $4 that tile $1/$2/$3 (with its 64-unit buffer) may draw: whose figures
-- the tile carries. The same bare-column test as area-tile-mvt.sql, so the same areas.
SELECT a.code
FROM area a
WHERE a.level = $4::text
  AND a.geom && ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => 64.0 / 4096), 4326)
