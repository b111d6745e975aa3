-- Rebuilds the issue rollup from the issue table in one statement. Bulk loads (a city's
-- million issues) disable the per-row trigger of migration 004, load, then call this: one
-- grouped scan instead of three upserts per row. Same grid and keys as issue_rollup_apply.
CREATE FUNCTION issue_rollup_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  half constant float8 := 20037508.342789244;
BEGIN
  DELETE FROM issue_rollup;
  INSERT INTO issue_rollup
    (zoom, cx, cy, category, status, handling_level, reported_month, resolved_month, n)
  SELECT
    z,
    floor((ST_X(p) + half) / (2 * half / 2 ^ z / 8))::int,
    floor((half - ST_Y(p)) / (2 * half / 2 ^ z / 8))::int,
    category,
    status,
    handling_level,
    issue_month(reported_at),
    coalesce(issue_month(resolved_at), 'infinity'::date),
    count(*)::int
  FROM (SELECT i.*, ST_Transform(i.geom, 3857) AS p FROM issue i) AS i
  CROSS JOIN unnest(ARRAY[10, 12, 13]) AS z
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
END $$;
