-- Statements run by sql.js against an uploaded GeoPackage (gpkg.ts), never against the
-- product's database: SQLite's dialect.

-- name: opens
SELECT 1 FROM sqlite_master LIMIT 1

-- name: layers
-- The feature layers, each with its geometry column and coordinate system.
SELECT c.table_name AS name, g.column_name AS geom, coalesce(g.srs_id, c.srs_id) AS srs
FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
WHERE c.data_type = 'features' ORDER BY c.table_name

-- name: spatialRefSys
SELECT organization, organization_coordsys_id AS code, definition
FROM gpkg_spatial_ref_sys WHERE srs_id = ?

-- name: columns
-- The layer's columns and which make its primary key (the fid).
SELECT name, pk FROM pragma_table_info(?)
