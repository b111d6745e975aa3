-- Read-only API tokens (migration 017). Times are ISO 8601 UTC strings, as elsewhere.

-- name: useApiToken
-- A live token's use: counted, and its principal returned with whether the audit log is due a
-- line (none yet in the last hour of use). $1 is the token's SHA-256.
WITH old AS (
  SELECT id, last_used_at FROM api_token
  WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
)
UPDATE api_token t SET use_count = t.use_count + 1, last_used_at = now()
FROM old
WHERE t.id = old.id
RETURNING t.id, t.label, t.role, t.area_code, t.use_count::int AS use_count,
  (old.last_used_at IS NULL OR old.last_used_at <= now() - interval '1 hour') AS audit_due

-- name: deadApiToken
-- Why a known token is refused: revoked, or expired (when).
SELECT revoked_at IS NOT NULL AS revoked,
       to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS expires_at
FROM api_token WHERE token_hash = $1

-- name: listApiTokens
SELECT id, label, role, area_code,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
       to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS expires_at,
       revoked_at IS NOT NULL AS revoked, expires_at <= now() AS expired,
       use_count::int AS use_count,
       to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS last_used_at
FROM api_token
ORDER BY id

-- name: createApiToken
INSERT INTO api_token (label, token_hash, role, area_code, created_by, expires_at)
VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6))
RETURNING id

-- name: revokeApiToken
UPDATE api_token SET revoked_at = now()
WHERE id = $1 AND revoked_at IS NULL
RETURNING id
