-- 事件流: an append-only log of what changed on the map (issues, activities, staff posts), filled
-- by triggers, so every writer (the API, an import, the simulator, plain SQL) is logged alike.
-- Each statement that logs events sends NOTIFY atlas_events; the servers listening read the
-- table by id, so a coalesced or missed notification loses nothing.
--
-- No personal data: the payload holds vocabulary keys, ids of issues (public on the map),
-- counts and a point; never a reporter, a staff code or a duty schedule.
CREATE TABLE event (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('issue.reported', 'issue.updated', 'issue.resolved',
    'issue.escalated', 'activity.held', 'staff.changed', 'data.reloaded')),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  xiaoqu_code text,
  shequ_code text,
  pianqu_code text,
  payload jsonb NOT NULL DEFAULT '{}',
  -- The writing transaction: a data set load removes the events of its own transaction.
  tx bigint NOT NULL DEFAULT txid_current()
);
-- Retention prunes by time; the primary key serves the id ranges every reader asks for.
CREATE INDEX event_occurred_idx ON event (occurred_at);

-- How long events are kept (days) and how many at most; `pruned_through` is the highest id
-- pruned, so a client asking to resume from below it is told to refetch everything.
CREATE TABLE event_retention (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  days int NOT NULL DEFAULT 7 CHECK (days > 0),
  max_events int NOT NULL DEFAULT 100000 CHECK (max_events > 0),
  pruned_through bigint NOT NULL DEFAULT 0
);
INSERT INTO event_retention DEFAULT VALUES;

-- Taken before an event id is drawn and held to commit: ids then increase in commit order, so
-- a reader that has seen id N can never later find a committed event below N. Writers of
-- events queue behind each other only for the rest of their transaction.
CREATE FUNCTION event_lock() RETURNS void
LANGUAGE sql AS $$ SELECT pg_advisory_xact_lock(7107106) $$;

-- After a statement logged events: tell the listeners, and now and then prune (whenever the
-- ids cross a multiple of 500: cheap, and the table stays bounded by age and by count).
CREATE FUNCTION event_logged(inserted bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  last_id bigint;
  r event_retention;
BEGIN
  IF inserted = 0 THEN RETURN; END IF;
  last_id := currval('event_id_seq');
  PERFORM pg_notify('atlas_events', last_id::text);
  IF last_id / 500 <> (last_id - inserted) / 500 THEN
    SELECT * INTO r FROM event_retention;
    WITH gone AS (
      DELETE FROM event
      WHERE occurred_at < now() - make_interval(days => r.days) OR id <= last_id - r.max_events
      RETURNING id
    )
    UPDATE event_retention SET pruned_through = greatest(pruned_through, (SELECT max(id) FROM gone))
    WHERE EXISTS (SELECT 1 FROM gone);
  END IF;
END;
$$;

-- Order of the handling levels, to tell an escalation from another change.
CREATE FUNCTION handling_level_rank(level text) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE level WHEN 'xiaoqu' THEN 1 WHEN 'shequ' THEN 2 WHEN 'pianqu' THEN 3 END
$$;

CREATE FUNCTION event_issue_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  IF current_setting('atlas.events_off', true) = 'on' THEN RETURN NULL; END IF;
  IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
  PERFORM event_lock();
  INSERT INTO event (kind, xiaoqu_code, shequ_code, pianqu_code, payload)
  SELECT 'issue.reported', r.xiaoqu_code, l.shequ_code, l.pianqu_code,
    jsonb_build_object('issueId', r.id, 'category', r.category, 'status', r.status,
      'level', r.handling_level, 'lon', ST_X(r.geom), 'lat', ST_Y(r.geom))
  FROM new_rows r
  LEFT JOIN xiaoqu_lineage l ON l.xiaoqu_code = r.xiaoqu_code
  ORDER BY r.id;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM event_logged(n);
  RETURN NULL;
END;
$$;
CREATE TRIGGER event_issue_inserted AFTER INSERT ON issue
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION event_issue_inserted();

-- An update is logged only when something shown changed: status, level, category, place.
CREATE FUNCTION event_issue_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  IF current_setting('atlas.events_off', true) = 'on' THEN RETURN NULL; END IF;
  IF NOT EXISTS (
    SELECT 1 FROM new_rows r JOIN old_rows o ON o.id = r.id
    WHERE (r.status, r.handling_level, r.category, r.xiaoqu_code)
      IS DISTINCT FROM (o.status, o.handling_level, o.category, o.xiaoqu_code)
  ) THEN
    RETURN NULL;
  END IF;
  PERFORM event_lock();
  INSERT INTO event (kind, xiaoqu_code, shequ_code, pianqu_code, payload)
  SELECT
    CASE
      WHEN r.status = 'resolved' AND o.status <> 'resolved' THEN 'issue.resolved'
      WHEN handling_level_rank(r.handling_level) > handling_level_rank(o.handling_level)
        OR (r.status = 'escalated' AND o.status <> 'escalated') THEN 'issue.escalated'
      ELSE 'issue.updated'
    END,
    r.xiaoqu_code, l.shequ_code, l.pianqu_code,
    jsonb_build_object('issueId', r.id, 'category', r.category, 'status', r.status,
      'level', r.handling_level, 'previousStatus', o.status, 'previousLevel', o.handling_level,
      'lon', ST_X(r.geom), 'lat', ST_Y(r.geom))
  FROM new_rows r
  JOIN old_rows o ON o.id = r.id
  LEFT JOIN xiaoqu_lineage l ON l.xiaoqu_code = r.xiaoqu_code
  WHERE (r.status, r.handling_level, r.category, r.xiaoqu_code)
    IS DISTINCT FROM (o.status, o.handling_level, o.category, o.xiaoqu_code)
  ORDER BY r.id;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM event_logged(n);
  RETURN NULL;
END;
$$;
CREATE TRIGGER event_issue_updated AFTER UPDATE ON issue
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION event_issue_updated();

-- An activity is logged with its 小区 (惠民微活动) or its 片区 (片区 activity), at that area's
-- label point. The title names the event, not a person.
CREATE FUNCTION event_activity_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  IF current_setting('atlas.events_off', true) = 'on' THEN RETURN NULL; END IF;
  IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
  PERFORM event_lock();
  INSERT INTO event (kind, xiaoqu_code, shequ_code, pianqu_code, payload)
  SELECT 'activity.held',
    CASE WHEN r.scope = 'xiaoqu' THEN r.area_code END,
    l.shequ_code,
    coalesce(l.pianqu_code, CASE WHEN r.scope = 'pianqu' THEN r.area_code END),
    jsonb_build_object('activityKind', r.kind, 'activityScope', r.scope,
      'activityTitle', r.title, 'attendance', r.attendance,
      'lon', ST_X(a.label_point), 'lat', ST_Y(a.label_point))
  FROM new_rows r
  LEFT JOIN xiaoqu_lineage l ON r.scope = 'xiaoqu' AND l.xiaoqu_code = r.area_code
  LEFT JOIN area a ON a.code = r.area_code
  ORDER BY r.code;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM event_logged(n);
  RETURN NULL;
END;
$$;
CREATE TRIGGER event_activity_inserted AFTER INSERT ON activity
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION event_activity_inserted();

-- Staff posts: the department and what happened, at the 小区's label point (the public
-- statistics show staff per 小区 and department already); never the post's code or schedule.
CREATE FUNCTION event_staff_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  IF current_setting('atlas.events_off', true) = 'on' THEN RETURN NULL; END IF;
  -- A branch per operation: each reads its own transition table (new_rows, old_rows), a name
  -- plpgsql cannot take as a value.
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
    PERFORM event_lock();
    INSERT INTO event (kind, xiaoqu_code, shequ_code, pianqu_code, payload)
    SELECT 'staff.changed', r.xiaoqu_code, l.shequ_code, l.pianqu_code,
      jsonb_build_object('department', r.department, 'staffChange', 'added',
        'lon', ST_X(a.label_point), 'lat', ST_Y(a.label_point))
    FROM new_rows r
    LEFT JOIN xiaoqu_lineage l ON l.xiaoqu_code = r.xiaoqu_code
    LEFT JOIN area a ON a.code = r.xiaoqu_code
    ORDER BY r.code;
  ELSIF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN RETURN NULL; END IF;
    PERFORM event_lock();
    INSERT INTO event (kind, xiaoqu_code, shequ_code, pianqu_code, payload)
    SELECT 'staff.changed', r.xiaoqu_code, l.shequ_code, l.pianqu_code,
      jsonb_build_object('department', r.department, 'staffChange', 'removed',
        'lon', ST_X(a.label_point), 'lat', ST_Y(a.label_point))
    FROM old_rows r
    LEFT JOIN xiaoqu_lineage l ON l.xiaoqu_code = r.xiaoqu_code
    LEFT JOIN area a ON a.code = r.xiaoqu_code
    ORDER BY r.code;
  ELSE
    IF NOT EXISTS (
      SELECT 1 FROM new_rows r JOIN old_rows o ON o.code = r.code
      WHERE (r.department, r.xiaoqu_code, r.duty_schedule)
        IS DISTINCT FROM (o.department, o.xiaoqu_code, o.duty_schedule)
    ) THEN
      RETURN NULL;
    END IF;
    PERFORM event_lock();
    INSERT INTO event (kind, xiaoqu_code, shequ_code, pianqu_code, payload)
    SELECT 'staff.changed', r.xiaoqu_code, l.shequ_code, l.pianqu_code,
      jsonb_build_object('department', r.department,
        'staffChange', CASE WHEN r.xiaoqu_code <> o.xiaoqu_code THEN 'moved' ELSE 'updated' END,
        'fromXiaoquCode', CASE WHEN r.xiaoqu_code <> o.xiaoqu_code THEN o.xiaoqu_code END,
        'lon', ST_X(a.label_point), 'lat', ST_Y(a.label_point))
    FROM new_rows r
    JOIN old_rows o ON o.code = r.code
    LEFT JOIN xiaoqu_lineage l ON l.xiaoqu_code = r.xiaoqu_code
    LEFT JOIN area a ON a.code = r.xiaoqu_code
    WHERE (r.department, r.xiaoqu_code, r.duty_schedule)
      IS DISTINCT FROM (o.department, o.xiaoqu_code, o.duty_schedule)
    ORDER BY r.code;
  END IF;
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM event_logged(n);
  RETURN NULL;
END;
$$;
CREATE TRIGGER event_staff_inserted AFTER INSERT ON staff
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION event_staff_changed();
CREATE TRIGGER event_staff_updated AFTER UPDATE ON staff
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION event_staff_changed();
CREATE TRIGGER event_staff_deleted AFTER DELETE ON staff
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION event_staff_changed();

-- A transaction that empties a table (TRUNCATE: the demo seed and imports reload whole
-- tables) is a bulk load, not news: nothing it writes is logged, which also keeps the load
-- fast. The flag is local to that transaction.
CREATE FUNCTION event_bulk_load() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('atlas.events_off', 'on', true);
  RETURN NULL;
END;
$$;
CREATE TRIGGER event_bulk_load BEFORE TRUNCATE ON issue
FOR EACH STATEMENT EXECUTE FUNCTION event_bulk_load();
CREATE TRIGGER event_bulk_load BEFORE TRUNCATE ON activity
FOR EACH STATEMENT EXECUTE FUNCTION event_bulk_load();
CREATE TRIGGER event_bulk_load BEFORE TRUNCATE ON staff
FOR EACH STATEMENT EXECUTE FUNCTION event_bulk_load();

-- Loading a data set (the demo seed, an import) writes the dataset row last, in the same
-- transaction as its rows. Whatever that load logged (a loader that deletes instead of
-- truncating) is not news either: remove it and log one `data.reloaded`, which tells every
-- screen to refetch. A demo thus starts clean.
CREATE FUNCTION event_dataset_loaded() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM event_lock();
  DELETE FROM event WHERE tx = txid_current() AND kind <> 'data.reloaded';
  IF NOT EXISTS (SELECT 1 FROM event WHERE tx = txid_current()) THEN
    INSERT INTO event (kind) VALUES ('data.reloaded');
    PERFORM event_logged(1);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER event_dataset_inserted AFTER INSERT ON dataset
FOR EACH STATEMENT EXECUTE FUNCTION event_dataset_loaded();
CREATE TRIGGER event_dataset_updated AFTER UPDATE ON dataset
FOR EACH STATEMENT EXECUTE FUNCTION event_dataset_loaded();
