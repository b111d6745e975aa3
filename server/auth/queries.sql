-- Users, sessions and the audit log (migration 003). A user row is read with the same
-- columns everywhere: `locked` is whether a lock is running now.

-- name: audit
INSERT INTO audit_log (actor, action, target, detail) VALUES ($1, $2, $3, $4)

-- name: userByName
SELECT id, username, display_name, role, area_code, password_hash, failed_logins,
       coalesce(locked_until > now(), false) AS locked, disabled,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at
FROM app_user WHERE username = $1

-- name: userById
SELECT id, username, display_name, role, area_code, password_hash, failed_logins,
       coalesce(locked_until > now(), false) AS locked, disabled,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at
FROM app_user WHERE id = $1

-- name: listUsers
SELECT id, username, display_name, role, area_code, password_hash, failed_logins,
       coalesce(locked_until > now(), false) AS locked, disabled,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at
FROM app_user ORDER BY id

-- name: principalForTokenHash
-- A live session: not expired, its user not disabled, its kiosk token not revoked.
SELECT s.role, s.user_id, u.username, u.display_name, u.area_code
FROM user_session s
LEFT JOIN app_user u ON u.id = s.user_id
LEFT JOIN kiosk_token k ON k.id = s.kiosk_id
WHERE s.token_hash = $1 AND s.expires_at > now()
  AND (u.id IS NULL OR NOT u.disabled)
  AND (k.id IS NULL OR k.revoked_at IS NULL)

-- name: recordFailedLogin
-- $2 wrong passwords in a row lock the account for $3 minutes; a lock run out counts from 0.
UPDATE app_user SET
  failed_logins = CASE WHEN locked_until <= now() THEN 0 ELSE failed_logins END + 1,
  locked_until = CASE
    WHEN CASE WHEN locked_until <= now() THEN 0 ELSE failed_logins END + 1 >= $2
      THEN now() + make_interval(mins => $3)
    WHEN locked_until <= now() THEN NULL
    ELSE locked_until END
WHERE id = $1

-- name: createUser
INSERT INTO app_user (username, display_name, role, area_code, password_hash)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (username) DO NOTHING
RETURNING id

-- name: clearFailedLogins
UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1

-- name: startUserSession
INSERT INTO user_session (token_hash, user_id, role, expires_at)
VALUES ($1, $2, $3, now() + make_interval(hours => $4))

-- name: kioskByToken
-- The exchange is the token's use: the admin's list shows when it was last made.
UPDATE kiosk_token SET last_used_at = now()
WHERE token_hash = $1 AND revoked_at IS NULL
RETURNING id, label

-- name: startKioskSession
INSERT INTO user_session (token_hash, kiosk_id, role, expires_at)
VALUES ($1, $2, 'screen', now() + make_interval(days => $3))

-- name: endSession
DELETE FROM user_session WHERE token_hash = $1

-- name: purgeExpiredSessions
WITH gone AS (DELETE FROM user_session WHERE expires_at <= now() RETURNING 1)
SELECT count(*)::int AS n FROM gone

-- name: isWithin
WITH RECURSIVE up AS (
  SELECT code, parent_code FROM area WHERE code = $1
  UNION ALL
  SELECT a.code, a.parent_code FROM area a JOIN up ON a.code = up.parent_code
)
SELECT 1 FROM up WHERE code = $2
