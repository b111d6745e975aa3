-- The migrations' ledger (migrate.ts): which numbered files have been applied.

-- name: createLedger
CREATE TABLE IF NOT EXISTS schema_migration (
  version int PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)

-- name: applied
SELECT 1 FROM schema_migration WHERE version = $1

-- name: recordApplied
INSERT INTO schema_migration (version, name) VALUES ($1, $2)
