-- The issue rollup gains zoom 0, where one grid cell (an eighth of the world) holds the whole
-- zone, however large the city: the zone's statistics then sum a few thousand rollup rows
-- instead of a million issues. The map never asks for zoom 0 (ROLLUP_ZOOMS in the server).
-- Restated whole, as PostgreSQL replaces a function whole and a migration, once applied, is
-- history that is not edited: the body repeats migration 004 but for zoom 0.
CREATE OR REPLACE FUNCTION issue_rollup_apply(r issue, delta int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  z int;
  size float8;
  p geometry := ST_Transform(r.geom, 3857);
  -- Half the Web Mercator world's width: the grid counts from its top-left corner.
  half constant float8 := 20037508.342789244;
BEGIN
  FOREACH z IN ARRAY ARRAY[0, 10, 12, 13] LOOP
    size := 2 * half / 2 ^ z / 8;
    INSERT INTO issue_rollup AS t
      (zoom, cx, cy, category, status, handling_level, reported_month, resolved_month, n)
    VALUES (
      z,
      floor((ST_X(p) + half) / size)::int,
      floor((half - ST_Y(p)) / size)::int,
      r.category,
      r.status,
      r.handling_level,
      issue_month(r.reported_at),
      coalesce(issue_month(r.resolved_at), 'infinity'::date),
      delta
    )
    ON CONFLICT (zoom, cx, cy, category, status, handling_level, reported_month, resolved_month)
    DO UPDATE SET n = t.n + EXCLUDED.n;
  END LOOP;
END $$;

-- Rebuilds the issue rollup from the issue table in one statement. Bulk loads (a city's
-- million issues) disable the per-row trigger, load, then call this: one grouped scan instead
-- of four upserts per row. Same grid and keys as issue_rollup_apply.
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
  CROSS JOIN unnest(ARRAY[0, 10, 12, 13]) AS z
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
END $$;

SELECT issue_rollup_rebuild();
