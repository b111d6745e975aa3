-- The data set describes itself (issue 16): its name and its clock live in the `dataset` row,
-- its 镇街 are rows, and every query reads the local day and month through one pair of
-- functions. Nothing of any one district is written into the schema.

-- (A) Name and time zone. The time zone is an IANA name; the CHECK makes an unknown one fail
-- when it is written, not at the first query. Asia/Shanghai is only the default of a column
-- that every load sets.
ALTER TABLE dataset
  ADD COLUMN name text,
  ADD COLUMN time_zone text NOT NULL DEFAULT 'Asia/Shanghai'
    CHECK (('2000-01-01 00:00:00+00'::timestamptz AT TIME ZONE time_zone) IS NOT NULL);

-- The data set's time zone. Hot queries read it once, as `(SELECT zone_tz())` or a parameter,
-- and pass it to local_day/local_month, which are immutable and inline.
CREATE FUNCTION zone_tz() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce((SELECT time_zone FROM dataset), 'Asia/Shanghai')
$$;

-- The local calendar day of an instant in time zone `tz`.
CREATE FUNCTION local_day(t timestamptz, tz text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (t AT TIME ZONE tz)::date
$$;

-- The first day of the local month of an instant in time zone `tz`.
CREATE FUNCTION local_month(t timestamptz, tz text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT date_trunc('month', t AT TIME ZONE tz)::date
$$;

-- The instant a local day begins in time zone `tz`: range predicates on timestamps stay
-- sargable when they compare with it.
CREATE FUNCTION local_start(d date, tz text) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT d::timestamp AT TIME ZONE tz
$$;

-- Today in the data set's time zone.
CREATE FUNCTION zone_today() RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT local_day(now(), zone_tz())
$$;

-- The rollup's month of an issue (migration 004) in the data set's clock. Row triggers call
-- it; the rebuild below reads the zone once.
CREATE OR REPLACE FUNCTION issue_month(t timestamptz) RETURNS date
LANGUAGE sql STABLE AS $$
  SELECT local_month(t, zone_tz())
$$;

-- Restated whole, as PostgreSQL replaces a function whole and a migration, once applied, is
-- history that is not edited: the body repeats migration 012 but for the data set's local months.
CREATE OR REPLACE FUNCTION issue_rollup_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  half constant float8 := 20037508.342789244;
  tz constant text := zone_tz();
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
    local_month(reported_at, tz),
    coalesce(local_month(resolved_at, tz), 'infinity'::date),
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

-- (B) 镇街 as rows: a boundary file brings its own. An area names its street by code; the
-- list the schema once fixed (migration 001) is gone.
CREATE TABLE street (
  code text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$'),
  name text NOT NULL CHECK (name <> '')
);
ALTER TABLE area DROP CONSTRAINT IF EXISTS area_street_check;
-- A database migrated with data keeps its streets, named by their codes until the next load
-- names them.
INSERT INTO street (code, name)
SELECT DISTINCT street, street FROM area WHERE street IS NOT NULL
ON CONFLICT DO NOTHING;
ALTER TABLE area
  ADD CONSTRAINT area_street_fkey FOREIGN KEY (street) REFERENCES street (code) ON UPDATE CASCADE;
