-- The offline basemap's features (land, main roads, landmarks) in drawing order; rings
-- counter-clockwise as RFC 7946 asks (ST_ForcePolygonCCW leaves lines and points alone).
SELECT layer, name, class, ST_AsGeoJSON(ST_ForcePolygonCCW(geom), 6)::json AS geometry
FROM basemap_feature
ORDER BY id
