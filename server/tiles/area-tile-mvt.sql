-- An area tile encoded by PostGIS: layer $4 (a level) at tile $1/$2/$3, each area with its
-- figures from $5 (a jsonb object by code, from the figures engine): ST_AsMVT writes a jsonb
-- column's keys as properties.
-- The indexed geom column stays bare in WHERE; the envelope is transformed instead.
WITH bounds AS (
  SELECT
    ST_TileEnvelope($1::int, $2::int, $3::int) AS env,
    ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => 64.0 / 4096), 4326) AS env4326,
    -- One tile-grid unit in metres: simplifying by it is invisible at this zoom.
    (40075016.685578488 / 2 ^ $1::int) / 4096 AS unit
),
features AS (
  SELECT
    a.code,
    a.name,
    a.parent_code,
    $5::jsonb -> a.code AS figures,
    -- Zooms 5..12 read the shape pre-simplified for them (migration 013), below 5 the finer
    -- shape of zoom 5; above 12 there is none and the tile simplifies here. A subquery, not a
    -- join, so the planner keeps the index scan of area (a join tipped it to a parallel seq
    -- scan whose worker start-up cost more than the shapes saved).
    ST_AsMVTGeom(
      coalesce(
        (SELECT s.geom FROM area_shape s WHERE s.code = a.code AND s.zoom = greatest($1::int, 5)),
        ST_SimplifyPreserveTopology(ST_Transform(a.geom, 3857), b.unit)
      ),
      b.env, 4096, 64, true
    ) AS geom
  FROM area a, bounds b
  WHERE a.level = $4::text AND a.geom && b.env4326
)
SELECT ST_AsMVT(features.*, $4::text, 4096, 'geom') AS tile
FROM features
WHERE geom IS NOT NULL
