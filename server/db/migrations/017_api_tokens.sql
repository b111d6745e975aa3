-- Read-only API tokens for GIS tools (QGIS, ogrinfo) and other origins' pages, which cannot
-- hold an 8-hour session cookie. Like kiosk tokens, only the SHA-256 is stored, so a database
-- dump lets nobody in. A token reads as its role and area: the scoping rule of users holds.
CREATE TABLE api_token (
  id serial PRIMARY KEY,
  label text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  -- No admin tokens: the admin's reads (users, the audit log) are personal data, and a token
  -- pasted into a tool is easier to leak than a password.
  role text NOT NULL CHECK (role IN ('screen', 'official', 'planner')),
  -- Checked when written, not by a foreign key, as app_user.area_code (a data reload replaces
  -- every area).
  area_code text,
  created_by int REFERENCES app_user (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  -- Every use counts here; the audit log gets a line per token and hour of use (see
  -- server/auth/api-tokens.ts), not one per tile.
  use_count bigint NOT NULL DEFAULT 0,
  last_used_at timestamptz,
  CHECK (role <> 'official' OR area_code IS NOT NULL)
);
