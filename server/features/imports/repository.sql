-- Import history, saved sources, restores, and what every import refreshes (repository.ts).
-- Times leave as ISO strings in UTC.

-- name: enableIssueTriggers
ALTER TABLE issue ENABLE TRIGGER USER

-- name: disableIssueTriggers
ALTER TABLE issue DISABLE TRIGGER USER

-- name: rebuildRollup
SELECT issue_rollup_rebuild()

-- name: bumpIssuesVersion
UPDATE data_version SET version = version + 1, changed_at = now() WHERE layer = 'issues'

-- name: markImported
-- The dataset row's update is the data.reloaded event, and marks the data as no longer the
-- pristine demo.
INSERT INTO dataset (id, source, version) VALUES (true, 'import', 'import')
ON CONFLICT (id) DO UPDATE SET loaded_at = now(),
  source = CASE WHEN dataset.source LIKE '%import' THEN dataset.source ELSE dataset.source || '+import' END

-- name: source
SELECT name, kind, mapping, crs, encoding, level,
       to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at
FROM import_source WHERE name = $1 AND kind = $2

-- name: sources
SELECT name, kind, mapping, crs, encoding, level,
       to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at
FROM import_source ORDER BY updated_at DESC, name

-- name: saveSource
INSERT INTO import_source (name, kind, mapping, crs, encoding, level) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (name, kind) DO UPDATE SET mapping = $3, crs = $4, encoding = $5, level = $6, updated_at = now()

-- name: createRun
INSERT INTO import_run (kind, level, file_name, source, mode, settings, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id

-- name: finishRun
UPDATE import_run SET inserted = $2, updated = $3, deleted = $4 WHERE id = $1

-- name: importCounts
-- The keys import $1 wrote: new ones and ones it changed.
SELECT count(*) FILTER (WHERE inserted)::int AS inserted,
       count(*) FILTER (WHERE NOT inserted)::int AS updated
FROM import_key WHERE import_id = $1

-- name: dataVersions
SELECT layer, version::int AS version FROM data_version ORDER BY layer

-- name: validAreas
-- The staged boundaries that passed every check.
SELECT count(*) FILTER (WHERE valid AND NOT bad)::int AS n FROM import_area_stage

-- name: validRecords
SELECT count(*) FILTER (WHERE NOT bad)::int AS n FROM import_stage

-- name: runs
-- The newest $1 imports, or import $2 alone; only the newest still applied is restorable
-- (imports are restored newest first).
SELECT r.id, r.kind, r.level, r.file_name, r.source, r.mode, r.inserted, r.updated, r.deleted,
       r.status,
       (r.status = 'applied' AND r.id = (SELECT max(id) FROM import_run WHERE status = 'applied')) AS restorable,
       r.created_by,
       to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
       to_char(r.restored_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS restored_at
FROM import_run r
WHERE $2::int IS NULL OR r.id = $2::int
ORDER BY r.id DESC LIMIT $1

-- name: restoreCandidate
-- Import $1, the newest import still applied, and how many keys $1 wrote.
SELECT kind, status, (SELECT max(id) FROM import_run WHERE status = 'applied') AS latest,
       (SELECT count(*)::int FROM import_key WHERE import_id = $1) AS keys
FROM import_run WHERE id = $1

-- name: eventsOff
-- The restore's row changes log no events (migration 006); its dataset write tells every screen.
SELECT set_config('atlas.events_off', 'on', true)

-- name: tableColumns
SELECT column_name AS name FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position

-- name: markRestored
UPDATE import_run SET status = 'restored', restored_by = $2, restored_at = now() WHERE id = $1
