-- A source's coordinate system may be a declared projection (EPSG:NNNN), for the survey
-- contractor whose Gauss-Krüger files carry no .prj month after month.
ALTER TABLE import_source DROP CONSTRAINT import_source_crs_check;
ALTER TABLE import_source
  ADD CONSTRAINT import_source_crs_check
  CHECK (crs IN ('wgs84', 'cgcs2000', 'gcj02', 'bd09') OR crs ~ '^EPSG:[0-9]{4,5}$');
