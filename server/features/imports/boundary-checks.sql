-- The checks of staged boundaries (import_area_stage) that need PostGIS and the areas already
-- loaded (boundary-checks.ts). Each check returns the rows it finds with their `row`; the
-- UPDATE … RETURNING ones also mark them bad.
--
-- Overlay operations run on a 1e-9° (0.1 mm) grid (GEOS OverlayNG, the third argument of
-- ST_Difference, ST_Intersection, ST_Union): robust where the floating overlay throws a
-- topology error on nearly coincident edges, which shared boundaries are full of. PGlite's
-- PostGIS returns no rows instead of raising that error, so this matters twice.

-- name: duplicateCode
WITH firsts AS (SELECT code, min(row) AS first FROM import_area_stage GROUP BY code HAVING count(*) > 1)
UPDATE import_area_stage s SET bad = true FROM firsts f WHERE s.code = f.code AND s.row > f.first
RETURNING s.row, s.code, f.first

-- name: levelChanged
-- A code keeps its level ($1, the import's).
UPDATE import_area_stage s SET bad = true FROM area a
WHERE a.code = s.code AND a.level <> $1::text
RETURNING s.row, s.code, a.level

-- name: parentUnknown
-- $1: the parent level.
UPDATE import_area_stage s SET bad = true
WHERE NOT EXISTS (SELECT 1 FROM area p WHERE p.code = s.parent_code AND p.level = $1::text)
RETURNING s.row, s.code, s.parent_code, (SELECT level FROM area p WHERE p.code = s.parent_code) AS actual

-- name: validity
UPDATE import_area_stage SET valid = ST_IsValid(geom)

-- name: repair
WITH fixed AS (
  SELECT row, ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) AS g, geom AS before,
         (ST_IsValidDetail(geom)).reason AS reason, (ST_IsValidDetail(geom)).location AS loc
  FROM import_area_stage WHERE NOT valid)
UPDATE import_area_stage s SET geom = f.g, valid = ST_IsValid(f.g) AND NOT ST_IsEmpty(f.g)
FROM fixed f WHERE f.row = s.row
RETURNING s.row, s.code, f.reason, ST_X(f.loc) AS lon, ST_Y(f.loc) AS lat,
  ST_Area(f.before::geography) AS before_m2, ST_Area(f.g::geography) AS after_m2

-- name: invalid
SELECT row, code, (ST_IsValidDetail(geom)).reason AS reason,
       ST_X((ST_IsValidDetail(geom)).location) AS lon, ST_Y((ST_IsValidDetail(geom)).location) AS lat
FROM import_area_stage WHERE NOT valid

-- name: toMulti
UPDATE import_area_stage SET geom = ST_Multi(geom) WHERE valid

-- name: notInsideParent
-- $1: the parent level; more than $2 m² and more than the share $3 of the area outside it.
SELECT s.row, s.code, s.parent_code, d.outside_m2, d.outside_m2 / nullif(ST_Area(s.geom::geography), 0) AS share,
       ST_X(d.p) AS lon, ST_Y(d.p) AS lat
FROM import_area_stage s
JOIN area p ON p.code = s.parent_code AND p.level = $1::text
CROSS JOIN LATERAL (SELECT ST_Difference(s.geom, p.geom, 1e-9) AS g) AS diff
CROSS JOIN LATERAL (SELECT ST_Area(diff.g::geography) AS outside_m2, ST_PointOnSurface(diff.g) AS p) AS d
WHERE s.valid AND NOT ST_Within(s.geom, p.geom)
  AND d.outside_m2 > $2::float8
  AND d.outside_m2 > $3::float8 * ST_Area(s.geom::geography)

-- name: createSiblings
-- The siblings overlap and gap compare: the valid staged rows (row set), and the areas of the
-- level already loaded that stay (row null).
CREATE TEMP TABLE import_area_sibling (
  code text NOT NULL, parent_code text, geom geometry NOT NULL, row int
) ON COMMIT DROP

-- name: fillSiblings
-- $1: the level; $2: a replacing import, after which no loaded area of it stays.
INSERT INTO import_area_sibling (code, parent_code, geom, row)
SELECT code, parent_code, geom, row FROM import_area_stage WHERE valid
UNION ALL
SELECT a.code, a.parent_code, a.geom, NULL FROM area a
WHERE a.level = $1::text AND NOT EXISTS (SELECT 1 FROM import_area_stage s WHERE s.code = a.code)
  AND NOT $2::boolean

-- name: indexSiblings
CREATE INDEX ON import_area_sibling USING gist (geom)

-- name: overlap
-- Overlaps of more than $1 m² with siblings: other rows of the file, and areas that stay.
SELECT s.row, s.code, o.code AS other, i.m2, ST_X(i.p) AS lon, ST_Y(i.p) AS lat
FROM import_area_stage s
JOIN import_area_sibling o
  ON o.code <> s.code AND (o.row IS NULL OR o.row > s.row)
  AND o.parent_code IS NOT DISTINCT FROM s.parent_code AND ST_Intersects(o.geom, s.geom)
CROSS JOIN LATERAL (SELECT ST_Intersection(s.geom, o.geom, 1e-9) AS g) AS x
CROSS JOIN LATERAL (SELECT ST_Area(x.g::geography) AS m2, ST_PointOnSurface(x.g) AS p) AS i
WHERE s.valid AND i.m2 > $1::float8

-- name: gap
-- The parts of more than $1 m² of a parent its children (the siblings) leave uncovered.
WITH parents AS (SELECT parent_code, min(row) AS row FROM import_area_stage WHERE valid GROUP BY parent_code),
-- Grouped by code alone: PGlite's PostGIS returns no rows when grouping by a geometry.
covered AS (
  SELECT c.parent_code AS parent, ST_Union(c.geom, 1e-9) AS children
  FROM import_area_sibling c
  WHERE c.parent_code IN (SELECT parent_code FROM parents)
  GROUP BY c.parent_code),
holes AS (
  SELECT cv.parent, parents.row, (ST_Dump(ST_Difference(p.geom, cv.children, 1e-9))).geom AS g
  FROM covered cv JOIN area p ON p.code = cv.parent JOIN parents ON parents.parent_code = cv.parent)
SELECT row, parent, ST_Area(g::geography) AS m2, ST_X(ST_PointOnSurface(g)) AS lon, ST_Y(ST_PointOnSurface(g)) AS lat
FROM holes WHERE ST_Area(g::geography) > $1::float8

-- name: replaceInUse
-- The areas of the level ($1) a replacing import would delete that still have children.
SELECT min(s.row) AS row, a.code, count(c.code)::int AS children
FROM area a
JOIN area c ON c.parent_code = a.code
CROSS JOIN (SELECT min(row) AS row FROM import_area_stage) AS s
WHERE a.level = $1::text AND NOT EXISTS (SELECT 1 FROM import_area_stage t WHERE t.code = a.code)
GROUP BY a.code

-- name: crsReferences
-- How many of the codes ($1) are areas of the levels $2: with none, nothing to fit against.
SELECT count(*)::int AS n FROM area WHERE code = ANY($1::text[]) AND level = ANY($2::text[])

-- name: crsShares
-- For each system ($1), the share of the features' area ($4, GeoJSON read in that system)
-- inside their existing boundary (code $2, level $5) or else their parent ($3, level $6).
WITH c AS (
  SELECT u.crs, ST_SetSRID(ST_GeomFromGeoJSON(u.g), 4326) AS g,
         coalesce((SELECT a.geom FROM area a WHERE a.code = u.code AND a.level = $5),
                  (SELECT p.geom FROM area p WHERE p.code = u.parent AND p.level = $6)) AS ref
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(crs, code, parent, g))
SELECT crs, (sum(CASE WHEN ST_IsValid(g) THEN ST_Area(ST_Intersection(g, ref, 1e-9)) ELSE 0 END)
             / nullif(sum(CASE WHEN ST_IsValid(g) THEN ST_Area(g) ELSE 0 END), 0))::float8 AS share
FROM c WHERE ref IS NOT NULL GROUP BY crs
