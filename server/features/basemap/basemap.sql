-- The offline basemap's features (land, main roads, landmarks) in drawing order.
SELECT layer, name, class, ST_AsGeoJSON(geom, 6)::json AS geometry
FROM basemap_feature
ORDER BY id
