-- The staging of boundaries (boundaries.ts, stageAreas): the file's areas land in a
-- temporary table, checked there (boundary-checks.sql), then merged (boundary-merge.sql).

-- name: createAreaStage
CREATE TEMP TABLE import_area_stage (
  row int NOT NULL, code text NOT NULL, name text NOT NULL, parent_code text, street text, street_name text,
  compound_type text, households int, population int, built_year int,
  geom geometry NOT NULL, valid boolean NOT NULL DEFAULT true, bad boolean NOT NULL DEFAULT false
) ON COMMIT DROP

-- name: insertAreaStage
-- One array per column; $10 the GeoJSON, in the file's SRID $12 (null: already WGS84).
INSERT INTO import_area_stage (row, code, name, parent_code, street, street_name, compound_type, households, population, built_year, geom)
SELECT u.row, u.code, u.name, u.parent_code, u.street, u.street_name, u.compound_type, u.households, u.population, u.built_year,
       CASE WHEN $12::int IS NULL THEN ST_SetSRID(ST_GeomFromGeoJSON(u.g), 4326)
            ELSE ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(u.g), $12::int), 4326) END
FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $11::text[], $6::text[], $7::int[], $8::int[], $9::int[], $10::text[])
  AS u(row, code, name, parent_code, street, street_name, compound_type, households, population, built_year, g)

-- name: indexAreaStage
CREATE INDEX ON import_area_stage USING gist (geom)

-- name: analyzeAreaStage
ANALYZE import_area_stage
