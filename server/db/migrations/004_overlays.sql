-- Overlays: staff duty schedules in a form SQL can evaluate, and per-zoom rollups of issues
-- kept current by a trigger, so low-zoom maps never scan the issue table.

-- Duty schedule, parsed from its text when loaded: ISO weekdays (1 = Monday), minutes of the
-- day [start, end), and whether it applies only in the tourist peak season.
ALTER TABLE staff
  ADD COLUMN duty_days smallint[] NOT NULL DEFAULT '{1,2,3,4,5,6,7}',
  ADD COLUMN duty_start smallint NOT NULL DEFAULT 0 CHECK (duty_start BETWEEN 0 AND 1440),
  ADD COLUMN duty_end smallint NOT NULL DEFAULT 1440 CHECK (duty_end BETWEEN 0 AND 1440),
  ADD COLUMN peak_only boolean NOT NULL DEFAULT false;

-- The month of a timestamp in local time: what the month slider and filters mean. Migration
-- 015 makes it read the data set's time zone; nothing is loaded before that runs.
CREATE FUNCTION issue_month(t timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('month', t AT TIME ZONE 'UTC')::date
$$;

-- The status an issue had at the end of month `at` (null: now). One resolved later was being
-- handled then.
CREATE FUNCTION issue_status_at(status text, resolved_month date, at date) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN at IS NULL THEN status
    WHEN resolved_month <= at THEN 'resolved'
    WHEN status = 'resolved' THEN 'in_progress'
    ELSE status
  END
$$;

-- The map's issue filters, written once for the rollup, the tiles, the arcs and the
-- statistics. Null filters match everything; `at` keeps issues reported by that month.
CREATE FUNCTION issue_matches(
  category text, status text, handling_level text, reported_month date, resolved_month date,
  f_categories text[], f_statuses text[], f_levels text[], f_from date, f_to date, f_at date
) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT (f_categories IS NULL OR category = ANY (f_categories))
    AND (f_statuses IS NULL OR issue_status_at(status, resolved_month, f_at) = ANY (f_statuses))
    AND (f_levels IS NULL OR handling_level = ANY (f_levels))
    AND (f_from IS NULL OR reported_month >= f_from)
    AND (f_to IS NULL OR reported_month <= f_to)
    AND (f_at IS NULL OR reported_month <= f_at)
$$;

-- Issues escalated to a 片区 are few; the arcs read only them.
CREATE INDEX issue_escalated_idx ON issue (xiaoqu_code) WHERE handling_level = 'pianqu';

-- Issue counts on a Web Mercator grid of 8 cells per 512-px tile at zooms 10, 12 and 13, by
-- everything the map filters on. reported_month and resolved_month are local months (the data set's clock);
-- resolved_month is 'infinity' while unresolved, so "resolved by month M" is a comparison.
CREATE TABLE issue_rollup (
  zoom smallint NOT NULL,
  cx int NOT NULL,
  cy int NOT NULL,
  category text NOT NULL,
  status text NOT NULL,
  handling_level text NOT NULL,
  reported_month date NOT NULL,
  resolved_month date NOT NULL,
  n int NOT NULL,
  PRIMARY KEY (zoom, cx, cy, category, status, handling_level, reported_month, resolved_month)
);

CREATE FUNCTION issue_rollup_apply(r issue, delta int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  z int;
  size float8;
  p geometry := ST_Transform(r.geom, 3857);
  -- Half the Web Mercator world's width: the grid counts from its top-left corner.
  half constant float8 := 20037508.342789244;
BEGIN
  FOREACH z IN ARRAY ARRAY[10, 12, 13] LOOP
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

CREATE FUNCTION issue_rollup_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM issue_rollup_apply(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM issue_rollup_apply(NEW, 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER issue_rollup_sync
AFTER INSERT OR UPDATE OR DELETE ON issue
FOR EACH ROW EXECUTE FUNCTION issue_rollup_sync();

-- Emptying the issue table (a data set reload) empties its rollup with it.
CREATE FUNCTION issue_rollup_clear() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE issue_rollup;
  RETURN NULL;
END $$;

CREATE TRIGGER issue_rollup_clear
AFTER TRUNCATE ON issue
FOR EACH STATEMENT EXECUTE FUNCTION issue_rollup_clear();
