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
       revoked_at IS NOT NULL AS revoked
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
-- Newest first, below the id $1 when given, at most $2.
SELECT id::int AS id,
       to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
       actor, action, target, detail
FROM audit_log
WHERE ($1::bigint IS NULL OR id < $1)
ORDER BY id DESC
LIMIT $2
