-- Who may see and change what, and what they did. Passwords are scrypt hashes; session and
-- kiosk tokens are stored only as SHA-256 hashes, so a database dump cannot log anyone in.

CREATE TABLE app_user (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.-]{3,40}$'),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('official', 'planner', 'admin')),
  -- An official's area: they see it and everything below in detail, the rest as aggregates.
  -- Checked when written, not by a foreign key: reloading the demo data set replaces every
  -- area and must not take the user accounts with it.
  area_code text,
  password_hash text NOT NULL,
  failed_logins int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'official' OR area_code IS NOT NULL)
);

CREATE TABLE user_session (
  token_hash text PRIMARY KEY,
  user_id int REFERENCES app_user (id) ON DELETE CASCADE,
  -- Kiosk sessions (role screen) belong to a kiosk token, not a user.
  kiosk_id int,
  role text NOT NULL CHECK (role IN ('screen', 'official', 'planner', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

-- Tokens for the big screens: read-only, aggregates and public layers only.
CREATE TABLE kiosk_token (
  id serial PRIMARY KEY,
  label text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_by int REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- Personal data, kept apart from the records the map and lists read, and read only by the
-- single-issue route for an authorised official (each read is audited).
CREATE TABLE issue_reporter (
  issue_id int PRIMARY KEY REFERENCES issue (id) ON DELETE CASCADE,
  reporter_name text NOT NULL,
  reporter_phone text
);

-- Every write and every read of personal data: who, what, when.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  detail json
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
