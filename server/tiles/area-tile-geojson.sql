-- The same area tile as tile-local GeoJSON, for backends whose PostGIS cannot encode MVT
-- (PGlite). It does what ST_AsMVTGeom does: clip to the tile plus a 64-unit buffer, map to
-- the 0..4096 grid with y pointing down, snap to whole units, and keep only the polygons
-- (ST_MakeValid can leave collapsed slivers as lines beside them). ST_ForcePolygonCCW does not
-- orient polygons inside a GeometryCollection, hence the extraction first; encode.ts checks
-- every ring's orientation again and drops degenerate ones.
WITH bounds AS (
  SELECT
    ST_TileEnvelope($1::int, $2::int, $3::int) AS env,
    ST_TileEnvelope($1::int, $2::int, $3::int, margin => 64.0 / 4096) AS env_margin,
    ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => 64.0 / 4096), 4326) AS env4326,
    (40075016.685578488 / 2 ^ $1::int) / 4096 AS unit
),
grid AS (
  SELECT
    b.*,
    ST_XMin(b.env) AS xmin,
    ST_YMax(b.env) AS ymax,
    4096 / (ST_XMax(b.env) - ST_XMin(b.env)) AS scale
  FROM bounds b
),
features AS (
  SELECT
    a.code,
    a.name,
    a.parent_code,
    ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(ST_SnapToGrid(
      ST_Affine(
        ST_ClipByBox2D(
          -- The shape pre-simplified for the zoom, as in area-tile-mvt.sql.
          coalesce(
            (SELECT s.geom FROM area_shape s WHERE s.code = a.code AND s.zoom = greatest($1::int, 5)),
            ST_SimplifyPreserveTopology(ST_Transform(a.geom, 3857), g.unit)
          ),
          g.env_margin
        ),
        g.scale, 0, 0, -g.scale, -g.xmin * g.scale, g.ymax * g.scale
      ),
      1
    )), 3)) AS geom
  FROM area a, grid g
  WHERE a.level = $4::text AND a.geom && g.env4326
)
SELECT code, name, parent_code, ST_AsGeoJSON(geom, 0)::json AS geometry
FROM features
WHERE NOT ST_IsEmpty(geom)
ORDER BY code
