-- name: grid
SELECT cell_id AS "cellId",
       json_build_array(ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom))) AS position,
       -- The hexagon alone (no holes), its ring counter-clockwise as RFC 7946 asks.
       ST_AsGeoJSON(ST_ForcePolygonCCW(ST_MakePolygon(ST_ExteriorRing(geom))), 6)::json AS geometry
FROM tourism_cell ORDER BY cell_id

-- name: pressure
SELECT cell_id AS "cellId", visitors FROM tourism_pressure
WHERE month = $1 AND hour = $2 AND visitors > 0 ORDER BY cell_id
