-- The set-based checks of staged records (import_stage) that do not name the record by its
-- key (record-checks.ts; the ones that do are built in table-sql.ts).

-- name: analyzeStage
ANALYZE import_stage

-- name: activityAreaUnknown
-- An activity's area must be an area of its scope's level.
UPDATE import_stage s SET bad = true
WHERE NOT EXISTS (SELECT 1 FROM area a WHERE a.code = s.area_code AND a.level = s.scope)
RETURNING s.row, s.code, s.area_code, s.scope,
  (SELECT level FROM area a WHERE a.code = s.area_code) AS actual

-- name: zoneLoaded
SELECT (SELECT count(*) FROM area WHERE level = 'chengqu')::int AS zones,
       (SELECT count(*) FROM basemap_feature WHERE layer = 'land')::int AS land

-- name: zonePieces
-- The zone cut into small pieces with their own index: a million point-in-polygon tests
-- against pieces of at most 64 vertices instead of the whole outline (20 s → a few at 1M).
CREATE TEMP TABLE import_zone ON COMMIT DROP AS
SELECT ST_Subdivide(geom, 64) AS geom FROM area WHERE level = 'chengqu'

-- name: indexZonePieces
CREATE INDEX ON import_zone USING gist (geom)

-- name: xiaoquOfPoint
-- Records without a 小区 code go to the 小区 their point is in …
UPDATE import_stage s SET xiaoqu_code = (
  SELECT x.code FROM area x WHERE x.level = 'xiaoqu' AND ST_Intersects(x.geom, s.geom) ORDER BY x.code LIMIT 1)
WHERE s.xiaoqu_code IS NULL AND NOT s.bad

-- name: nearestXiaoqu
-- … else the nearest within 100 m (near_m kept for the report either way).
UPDATE import_stage s SET near_m = n.d, xiaoqu_code = CASE WHEN n.d <= 100 THEN n.code END
FROM (
  SELECT s2.row, x.code, ST_Distance(x.geom::geography, s2.geom::geography) AS d
  FROM import_stage s2
  CROSS JOIN LATERAL (
    SELECT code, geom FROM area WHERE level = 'xiaoqu' ORDER BY geom <-> s2.geom LIMIT 1) AS x
  WHERE s2.xiaoqu_code IS NULL AND NOT s2.bad
) AS n
WHERE n.row = s.row
