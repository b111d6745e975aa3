-- Writes the staged boundaries (import_area_stage) into `area`, keeping what they replace.

-- name: keepReplaced
-- The rows the import overwrites, for a restore ($1: the import).
INSERT INTO import_prev_area SELECT $1, a.* FROM area a JOIN import_area_stage s ON s.code = a.code

-- name: recordKeys
INSERT INTO import_key (import_id, key, inserted)
SELECT $1, s.code, NOT EXISTS (SELECT 1 FROM area a WHERE a.code = s.code) FROM import_area_stage s

-- name: keepDeleted
-- A replacing import: the level's areas the file no longer holds ($2: the level).
INSERT INTO import_prev_area SELECT $1, a.* FROM area a
WHERE a.level = $2 AND NOT EXISTS (SELECT 1 FROM import_area_stage s WHERE s.code = a.code)

-- name: deleteMissing
WITH d AS (
  DELETE FROM area a WHERE a.level = $1
    AND NOT EXISTS (SELECT 1 FROM import_area_stage s WHERE s.code = a.code)
  RETURNING 1
)
SELECT count(*)::int AS n FROM d

-- name: streetsByName
-- A value naming an existing street (not its code) becomes its code.
UPDATE import_area_stage s SET street = st.code
FROM street st
WHERE s.street = st.name AND NOT EXISTS (SELECT 1 FROM street c WHERE c.code = s.street)

-- name: streetCodes
-- A value that is no code names a new street: its code is derived from the name.
UPDATE import_area_stage SET street_name = coalesce(street_name, street),
  street = 'st_' || substr(md5(street), 1, 10)
WHERE street IS NOT NULL AND street !~ '^[A-Za-z0-9_-]{1,32}$'

-- name: upsertStreets
INSERT INTO street (code, name)
SELECT DISTINCT ON (street) street, coalesce(street_name, street)
FROM import_area_stage WHERE street IS NOT NULL
ORDER BY street, street_name NULLS LAST
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name
  WHERE EXCLUDED.name <> EXCLUDED.code

-- name: upsertAreas
-- A value the file leaves empty keeps what the area had ($1: the level).
INSERT INTO area (code, level, parent_code, name, street, compound_type, households, population,
                  built_year, has_party_branch, geom, label_point)
SELECT s.code, $1, s.parent_code, s.name, s.street, s.compound_type, s.households, s.population,
       s.built_year, false, s.geom, ST_PointOnSurface(s.geom)
FROM import_area_stage s
ON CONFLICT (code) DO UPDATE SET
  parent_code = EXCLUDED.parent_code, name = EXCLUDED.name, geom = EXCLUDED.geom,
  label_point = EXCLUDED.label_point,
  street = coalesce(EXCLUDED.street, area.street),
  compound_type = coalesce(EXCLUDED.compound_type, area.compound_type),
  households = coalesce(EXCLUDED.households, area.households),
  population = coalesce(EXCLUDED.population, area.population),
  built_year = coalesce(EXCLUDED.built_year, area.built_year)
