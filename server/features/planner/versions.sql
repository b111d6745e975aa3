-- The boundary versions and the precomputed units of each. Dates are the zone's local days
-- (zone_today(), local_day()); timestamps are written in UTC.

-- name: versionById
SELECT v.id, to_char(v.effective_from, 'YYYY-MM-DD') AS effective_from, v.note, v.created_by,
       to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
       v.scenario_id, v.id = (SELECT max(id) FROM boundary_version) AS current,
       to_char(v.reference_date, 'YYYY-MM-DD') AS reference_date
FROM boundary_version v WHERE v.id = $1

-- name: listVersions
SELECT v.id, to_char(v.effective_from, 'YYYY-MM-DD') AS effective_from, v.note, v.created_by,
       to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
       v.scenario_id, v.id = (SELECT max(id) FROM boundary_version) AS current,
       to_char(v.reference_date, 'YYYY-MM-DD') AS reference_date
FROM boundary_version v ORDER BY v.id

-- name: versionInForceOn
SELECT v.id, to_char(v.effective_from, 'YYYY-MM-DD') AS effective_from, v.note, v.created_by,
       to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
       v.scenario_id, v.id = (SELECT max(id) FROM boundary_version) AS current,
       to_char(v.reference_date, 'YYYY-MM-DD') AS reference_date
FROM boundary_version v
WHERE v.effective_from <= $1::date ORDER BY v.effective_from DESC, v.id DESC LIMIT 1

-- name: latestVersionId
SELECT max(id) AS id FROM boundary_version

-- name: latestVersionFreshness
-- Whether the latest version still describes the loaded data.
SELECT v.id, v.dataset_loaded_at IS NOT DISTINCT FROM (SELECT loaded_at FROM dataset) AS fresh
FROM boundary_version v ORDER BY v.id DESC LIMIT 1

-- name: insertLoadedVersion
-- The data as loaded is taken to have been in force over all of its history ($1 false); after
-- a reload ($1 true), from today.
INSERT INTO boundary_version (effective_from, note, created_by, dataset_loaded_at)
VALUES (
  CASE WHEN $1::boolean THEN zone_today() ELSE least(zone_today(), coalesce(
    (SELECT local_day(min(reported_at), zone_tz()) FROM issue),
    zone_today())) END,
  -- The note of a version the system made is its origin's code; the client words it.
  CASE WHEN $1::boolean THEN 'reloaded' ELSE 'loaded' END,
  'system', (SELECT loaded_at FROM dataset))
RETURNING id, to_char(effective_from, 'YYYY-MM-DD') AS effective_from

-- name: closeOpenAssignments
UPDATE shequ_assignment SET valid_to = $1::date
WHERE valid_to IS NULL AND valid_from < $1::date

-- name: deleteOpenAssignments
DELETE FROM shequ_assignment WHERE valid_to IS NULL

-- name: insertLoadedAssignments
INSERT INTO shequ_assignment (shequ_code, pianqu_code, valid_from, version_id)
SELECT code, parent_code, $2::date, $1 FROM area WHERE level = 'shequ'

-- name: snapshotPianqu
-- The 片区 of `area` as they are now under a version (names and shapes).
INSERT INTO pianqu_version (version_id, code, name, geom)
SELECT $1, code, name, geom FROM area WHERE level = 'pianqu'

-- name: referenceDate
-- The day the 12-month figures end on: today, or the last issue's day if earlier.
SELECT to_char(least(zone_today(), coalesce(
  (SELECT local_day(max(reported_at), zone_tz()) FROM issue),
  zone_today())), 'YYYY-MM-DD') AS d

-- name: setReferenceDate
UPDATE boundary_version SET reference_date = $2 WHERE id = $1

-- name: shequCodes
SELECT code FROM area WHERE level = 'shequ' ORDER BY code

-- name: unitsOfVersion
SELECT code, name, pianqu_code, street, population, households, workers, open_issues,
       issues_12m, sites, staff, escalations_12m, area_m2, perimeter_m, zone_edge_m,
       ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
FROM planner_unit WHERE version_id = $1 ORDER BY code

-- name: adjacencyOfVersion
SELECT a, b, shared_m AS "sharedM" FROM planner_adjacency
WHERE version_id = $1 ORDER BY a, b

-- name: pianquOfVersion
-- The 片区 of a version that hold at least one 社区.
SELECT p.code, p.name FROM pianqu_version p
WHERE p.version_id = $1
  AND EXISTS (SELECT 1 FROM planner_unit u WHERE u.version_id = $1 AND u.pianqu_code = p.code)
ORDER BY p.code

-- name: edgesOfVersion
-- Shared boundaries (a, b) and stretches of the zone edge (a, NULL), for drawing outlines.
SELECT a, b, ST_AsGeoJSON(geom, 6)::json AS geometry FROM (
  SELECT a, b, ST_LineMerge(ST_CollectionExtract(geom, 2)) AS geom
  FROM planner_adjacency WHERE version_id = $1
  UNION ALL
  SELECT code, NULL, ST_LineMerge(ST_CollectionExtract(zone_edge, 2))
  FROM planner_unit WHERE version_id = $1 AND zone_edge IS NOT NULL
) e
WHERE NOT ST_IsEmpty(geom)
ORDER BY a, b NULLS LAST

-- name: shapesOfVersion
SELECT code, ST_AsGeoJSON(ST_Multi(ST_ForcePolygonCCW(ST_SimplifyPreserveTopology(geom, 0.00003))), 6)::json AS geometry
FROM planner_unit WHERE version_id = $1 ORDER BY code

-- name: dayOrToday
SELECT to_char(coalesce($1::date, zone_today()), 'YYYY-MM-DD') AS d

-- name: assignmentOn
-- Each 社区's 片区 on day $1, named as in version $2.
SELECT h.shequ_code AS code, h.pianqu_code AS "pianquCode",
       coalesce(p.name, h.pianqu_code) AS "pianquName"
FROM shequ_assignment h
LEFT JOIN pianqu_version p ON p.version_id = $2 AND p.code = h.pianqu_code
WHERE h.valid_from <= $1::date AND (h.valid_to IS NULL OR $1::date < h.valid_to)
ORDER BY h.shequ_code

-- name: nonPianquCodes
-- Codes of areas that are not 片区: a new 片区 may not take one.
SELECT code FROM area WHERE code = ANY($1::text[]) AND level <> 'pianqu' ORDER BY code
