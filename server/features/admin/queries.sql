-- The admin's changes to users and kiosk tokens, and the audit log's pages.

-- name: updateUser
-- $2, $5 and $6 keep what is there when null; $7 clears a lock-out.
UPDATE app_user SET
  display_name = coalesce($2, display_name),
  role = $3,
  area_code = $4,
  disabled = coalesce($5, disabled),
  password_hash = coalesce($6, password_hash),
  failed_logins = CASE WHEN $7 THEN 0 ELSE failed_logins END,
  locked_until = CASE WHEN $7 THEN NULL ELSE locked_until END
WHERE id = $1

-- name: endUserSessions
DELETE FROM user_session WHERE user_id = $1

-- name: kioskTokens
SELECT id, label,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
       revoked_at IS NOT NULL AS revoked,
       to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last_used_at
FROM kiosk_token
ORDER BY id

-- name: createKioskToken
INSERT INTO kiosk_token (label, token_hash, created_by) VALUES ($1, $2, $3)
RETURNING id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at

-- name: revokeKioskToken
UPDATE kiosk_token SET revoked_at = now()
WHERE id = $1 AND revoked_at IS NULL
RETURNING id

-- name: endKioskSessions
DELETE FROM user_session WHERE kiosk_id = $1

-- name: auditPage
-- Newest first, below the id $1 when given, at most $2. $3 actor, $4 action: exactly, when
-- given; $5..$6 local days of the data set's clock, inclusive (compared as instants, so the
-- index on `at` serves).
SELECT id::int AS id,
       to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
       actor, action, target, detail
FROM audit_log
WHERE ($1::bigint IS NULL OR id < $1)
  AND ($3::text IS NULL OR actor = $3)
  AND ($4::text IS NULL OR action = $4)
  AND ($5::date IS NULL OR at >= local_start($5::date, (SELECT zone_tz())))
  AND ($6::date IS NULL OR at < local_start($6::date + 1, (SELECT zone_tz())))
ORDER BY id DESC
LIMIT $2

-- name: auditCsv
-- The same filters, at most $5 lines, with the local time of the data set's clock.
SELECT to_char(at AT TIME ZONE (SELECT zone_tz()), 'YYYY-MM-DD HH24:MI:SS') AS at,
       actor, action, target, detail::text AS detail
FROM audit_log
WHERE ($1::text IS NULL OR actor = $1)
  AND ($2::text IS NULL OR action = $2)
  AND ($3::date IS NULL OR at >= local_start($3::date, (SELECT zone_tz())))
  AND ($4::date IS NULL OR at < local_start($4::date + 1, (SELECT zone_tz())))
ORDER BY id DESC
LIMIT $5
