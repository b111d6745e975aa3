-- Saved scenarios (方案). Timestamps are written in UTC.

-- name: listScenarios
SELECT id, name, author, notes, base_version AS "baseVersion",
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
       to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt",
       (metrics->>'pianquCount')::int AS "pianquCount",
       (metrics->>'maxAbsDeviationPct')::float8 AS "maxAbsDeviationPct",
       json_array_length((metrics->'nonContiguous')::json) AS "nonContiguous",
       json_array_length((metrics->'streetSplits')::json) AS "streetSplits",
       applied_version AS "appliedVersion"
FROM planner_scenario ORDER BY updated_at DESC, id DESC

-- name: scenarioById
SELECT id, schema_version AS "schemaVersion", name, author, notes, base_version AS "baseVersion",
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
       to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt",
       assignment, pianqu, locked, band_pct AS "bandPct", metrics,
       applied_version AS "appliedVersion"
FROM planner_scenario WHERE id = $1

-- name: insertScenario
INSERT INTO planner_scenario (name, notes, base_version, assignment, pianqu, locked, band_pct,
  metrics, schema_version, author)
VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8::jsonb, $9, $10)
RETURNING id

-- name: updateScenario
UPDATE planner_scenario SET name = $1, notes = $2, base_version = $3, assignment = $4::jsonb,
  pianqu = $5::jsonb, locked = $6::jsonb, band_pct = $7, metrics = $8::jsonb,
  schema_version = $9, updated_at = now()
WHERE id = $10 RETURNING id

-- name: duplicateScenario
INSERT INTO planner_scenario (schema_version, name, author, notes, base_version,
  assignment, pianqu, locked, band_pct, metrics)
SELECT schema_version, left(name || ' (副本)', 80), $2, notes, base_version, assignment,
       pianqu, locked, band_pct, metrics
FROM planner_scenario WHERE id = $1 RETURNING id

-- name: deleteScenario
DELETE FROM planner_scenario WHERE id = $1 RETURNING id

-- name: markApplied
UPDATE planner_scenario SET applied_version = $2 WHERE id = $1

-- name: dissolvedPianqu
-- A scenario's 片区 ($2: 社区 → 片区) as polygons of version $1's 社区, with their sums.
WITH a AS (SELECT key AS shequ, value AS pianqu FROM json_each_text($2::json)),
d AS (
  SELECT a.pianqu AS code, count(*)::int AS units,
         sum(u.population)::int AS population, sum(u.households)::int AS households,
         sum(u.area_m2)::float8 AS members_area_m2,
         -- Neighbours share their vertices exactly, so the union leaves no sliver;
         -- MakeValid guards imported boundaries that do not.
         ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(u.geom)), 3)) AS geom
  FROM a JOIN planner_unit u ON u.version_id = $1 AND u.code = a.shequ
  GROUP BY a.pianqu
)
SELECT code, units, population, households, members_area_m2,
       ST_Area(geom::geography)::float8 AS area_m2, ST_IsValid(geom) AS valid,
       ST_AsGeoJSON(ST_ForcePolygonCCW(geom), 7)::json AS geometry
FROM d ORDER BY code
