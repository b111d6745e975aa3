-- When each kiosk token was last exchanged for a session, so the admin's list says which walls
-- still sign in. Earlier exchanges are in the audit log (migration 003's `kiosk.session` lines).
ALTER TABLE kiosk_token ADD COLUMN last_used_at timestamptz;

UPDATE kiosk_token k SET last_used_at = a.at
FROM (
  SELECT target, max(at) AS at FROM audit_log
  WHERE action = 'kiosk.session' AND target LIKE 'kiosk:%'
  GROUP BY target
) a
WHERE a.target = 'kiosk:' || k.id;

-- The audit log's filters by actor and by action, newest first within each.
CREATE INDEX audit_log_actor_idx ON audit_log (actor, id DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC);
