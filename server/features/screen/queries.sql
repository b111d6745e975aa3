-- name: snapshot
SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY

-- name: latestEventId
-- The newest event id, or the last one pruned when the log is empty.
SELECT greatest(coalesce((SELECT max(id) FROM event), 0), r.pruned_through)::int8 AS latest
FROM event_retention r

-- name: zoneAndPianqu
SELECT code, name, level FROM area WHERE level IN ('chengqu', 'pianqu') ORDER BY code
