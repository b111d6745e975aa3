-- The event log (事件流): reads by id, the newest id, and where retention has pruned to.

-- name: after
-- Events after id $1, oldest first, at most $2, with the names of their areas (joined here,
-- not stored: a renamed 小区 shows its new name). The payload is read field by field in
-- repository.ts, so a key added to it never leaves the server by accident.
SELECT
  e.id::int8 AS id,
  e.kind,
  to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt",
  e.xiaoqu_code AS "xiaoquCode",
  x.name AS "xiaoquName",
  e.shequ_code AS "shequCode",
  s.name AS "shequName",
  e.pianqu_code AS "pianquCode",
  p.name AS "pianquName",
  e.payload
FROM event e
LEFT JOIN area x ON x.code = e.xiaoqu_code
LEFT JOIN area s ON s.code = e.shequ_code
LEFT JOIN area p ON p.code = e.pianqu_code
WHERE e.id > $1::int8
ORDER BY e.id
LIMIT $2::int

-- name: latestFrom
-- Where the latest $1 events start: the id before the oldest of them.
SELECT coalesce(min(id) - 1, 0)::int8 AS "from"
FROM (SELECT id FROM event ORDER BY id DESC LIMIT $1::int) AS newest

-- name: bounds
SELECT greatest(coalesce((SELECT max(id) FROM event), 0), r.pruned_through)::int8 AS latest,
       r.pruned_through::int8 AS pruned
FROM event_retention r
