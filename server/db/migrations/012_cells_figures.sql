-- Two read paths made cheap at city scale (17,500 小区, a million issues):
--  * issue_cell: issue totals per grid cell with no filter, what most map views ask for; the
--    rollup behind filtered views has a row per category, status, level and months, so an
--    unfiltered tile summed hundreds of rows per cell.
--  * area_figures: every statistic of an area that does not depend on issues (sites, workers,
--    staff, activities, projects, credit…), summed over its subtree, so the zone's statistics
--    read one row instead of joining 17,500 小区 to six tables.

-- (A) Per-cell totals at the map's grid zooms (10, 12, 13), kept by the rollup's row trigger
-- with the same grid math, emptied with it and rebuilt with it.
CREATE TABLE issue_cell (
  zoom smallint NOT NULL,
  cx int NOT NULL,
  cy int NOT NULL,
  n int NOT NULL,
  -- Issues whose status is not 'resolved' (the status now: the unfiltered view has no month).
  unresolved int NOT NULL,
  PRIMARY KEY (zoom, cx, cy)
);

-- Restated whole, as PostgreSQL replaces a function whole and a migration, once applied, is
-- history that is not edited: the body repeats migration 009 but for the issue_cell upsert.
CREATE OR REPLACE FUNCTION issue_rollup_apply(r issue, delta int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  z int;
  size float8;
  x int;
  y int;
  p geometry := ST_Transform(r.geom, 3857);
  -- Half the Web Mercator world's width: the grid counts from its top-left corner.
  half constant float8 := 20037508.342789244;
BEGIN
  FOREACH z IN ARRAY ARRAY[0, 10, 12, 13] LOOP
    size := 2 * half / 2 ^ z / 8;
    x := floor((ST_X(p) + half) / size)::int;
    y := floor((half - ST_Y(p)) / size)::int;
    INSERT INTO issue_rollup AS t
      (zoom, cx, cy, category, status, handling_level, reported_month, resolved_month, n)
    VALUES (
      z,
      x,
      y,
      r.category,
      r.status,
      r.handling_level,
      issue_month(r.reported_at),
      coalesce(issue_month(r.resolved_at), 'infinity'::date),
      delta
    )
    ON CONFLICT (zoom, cx, cy, category, status, handling_level, reported_month, resolved_month)
    DO UPDATE SET n = t.n + EXCLUDED.n;
    -- Zoom 0 serves the zone's statistics only; the map never draws it.
    IF z > 0 THEN
      INSERT INTO issue_cell AS c (zoom, cx, cy, n, unresolved)
      VALUES (z, x, y, delta, CASE WHEN r.status <> 'resolved' THEN delta ELSE 0 END)
      ON CONFLICT (zoom, cx, cy)
      DO UPDATE SET n = c.n + EXCLUDED.n, unresolved = c.unresolved + EXCLUDED.unresolved;
    END IF;
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION issue_rollup_clear() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE issue_rollup, issue_cell;
  RETURN NULL;
END $$;

-- One grouped scan of the issues for the rollup, then the cells as sums of the rollup (the
-- same grid by construction, and a fraction of the rows).
-- Restated whole, as PostgreSQL replaces a function whole and a migration, once applied, is
-- history that is not edited: the body repeats migration 009 but for the cells summed after it.
CREATE OR REPLACE FUNCTION issue_rollup_rebuild() RETURNS void
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
  DELETE FROM issue_cell;
  INSERT INTO issue_cell (zoom, cx, cy, n, unresolved)
  SELECT zoom, cx, cy, sum(n)::int, coalesce(sum(n) FILTER (WHERE status <> 'resolved'), 0)::int
  FROM issue_rollup
  WHERE zoom > 0
  GROUP BY zoom, cx, cy;
END $$;

INSERT INTO issue_cell (zoom, cx, cy, n, unresolved)
SELECT zoom, cx, cy, sum(n)::int, coalesce(sum(n) FILTER (WHERE status <> 'resolved'), 0)::int
FROM issue_rollup
WHERE zoom > 0
GROUP BY zoom, cx, cy;

-- (B) The tables the area figures read that had no data version get one, moved by every
-- statement that writes them (as 008 and 011).
INSERT INTO data_version (layer) VALUES ('workers'), ('projects'), ('credit');
CREATE TRIGGER worker_post_data_version
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON worker_post
FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('workers');
CREATE TRIGGER project_data_version
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project
FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('projects');
CREATE TRIGGER credit_monthly_data_version
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON credit_monthly
FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('credit');

-- The versions of every layer the area figures are computed from, as one comparable value.
-- STABLE: read in the snapshot of the statement that calls it, with the data it describes.
CREATE FUNCTION area_figures_versions() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT string_agg(layer || ':' || version, ',' ORDER BY layer)
  FROM data_version
  WHERE layer IN ('areas', 'sites', 'staff', 'activities', 'workers', 'projects', 'credit')
$$;

-- The figures of every area (each level), summed over its subtree exactly as area-stats.sql
-- once summed them per request, tagged with the versions they were computed from.
--
-- Why a cache keyed by versions rather than row triggers on the seven source tables: the
-- figures change rarely (imports, seeds, planner applies) and then in bulk (a planner apply
-- moves whole 社区 between 片区; a seed truncates everything); "participants of the latest
-- credit month" has no incremental form; and a version check cannot drift, where a missed
-- trigger path would. A read finds no row of the current versions after any change, and the
-- server then recomputes all of them in one set-based statement (area-figures-refresh.sql).
CREATE TABLE area_figures (
  versions text NOT NULL,
  code text NOT NULL,
  pianqu int NOT NULL,
  shequ int NOT NULL,
  xiaoqu int NOT NULL,
  party_branches int NOT NULL,
  households bigint NOT NULL,
  population bigint NOT NULL,
  sites int NOT NULL,
  workers bigint NOT NULL,
  staff int NOT NULL,
  -- Staff per department present: {"department": count}.
  staff_by_department jsonb NOT NULL,
  micro_activities int NOT NULL,
  pianqu_activities int NOT NULL,
  projects int NOT NULL,
  projects_completed int NOT NULL,
  credit_points bigint NOT NULL,
  credit_participants bigint NOT NULL,
  PRIMARY KEY (versions, code)
);
