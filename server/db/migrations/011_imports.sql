-- Imports of real data (boundaries and records). Each import that lands is a row here, with
-- the keys it wrote and the rows as they were before it, so it can be restored: the data set
-- is never lost to a bad file that happened to validate.

CREATE TABLE import_run (
  id serial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('boundaries', 'issues', 'sites', 'staff', 'activities')),
  level text CHECK (level IN ('chengqu', 'pianqu', 'shequ', 'xiaoqu')),
  file_name text NOT NULL,
  source text,
  mode text NOT NULL CHECK (mode IN ('upsert', 'replace')),
  settings jsonb NOT NULL,
  inserted int NOT NULL DEFAULT 0,
  updated int NOT NULL DEFAULT 0,
  deleted int NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'restored')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  restored_by text,
  restored_at timestamptz
);

-- The keys an import wrote: `inserted` keys are deleted on restore, the others are put back
-- from the import_prev_* table of their kind.
CREATE TABLE import_key (
  import_id int NOT NULL REFERENCES import_run (id) ON DELETE CASCADE,
  key text NOT NULL,
  inserted boolean NOT NULL,
  PRIMARY KEY (import_id, key)
);

-- The rows an import replaced or deleted, as they were: same columns as their table, so a
-- restore is an INSERT … SELECT. A migration adding a column to one of these tables adds it
-- here too.
CREATE TABLE import_prev_area (import_id int NOT NULL REFERENCES import_run (id) ON DELETE CASCADE, LIKE area);
CREATE TABLE import_prev_issue (import_id int NOT NULL REFERENCES import_run (id) ON DELETE CASCADE, LIKE issue);
CREATE TABLE import_prev_site (import_id int NOT NULL REFERENCES import_run (id) ON DELETE CASCADE, LIKE site);
CREATE TABLE import_prev_staff (import_id int NOT NULL REFERENCES import_run (id) ON DELETE CASCADE, LIKE staff);
CREATE TABLE import_prev_activity (import_id int NOT NULL REFERENCES import_run (id) ON DELETE CASCADE, LIKE activity);
CREATE INDEX import_prev_area_idx ON import_prev_area (import_id);
CREATE INDEX import_prev_issue_idx ON import_prev_issue (import_id);
CREATE INDEX import_prev_site_idx ON import_prev_site (import_id);
CREATE INDEX import_prev_staff_idx ON import_prev_staff (import_id);
CREATE INDEX import_prev_activity_idx ON import_prev_activity (import_id);

-- A source system's settings (column mapping, coordinate system, encoding), saved after an
-- import from it lands, so next month's export from the same system imports in one step.
CREATE TABLE import_source (
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('boundaries', 'issues', 'sites', 'staff', 'activities')),
  mapping jsonb NOT NULL,
  crs text NOT NULL CHECK (crs IN ('wgs84', 'cgcs2000', 'gcj02', 'bd09')),
  encoding text NOT NULL,
  level text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, kind)
);

-- Sites and staff move their layers' versions too (areas and issues already do, 008), so every
-- cache keyed by a data version sees an import of any kind.
INSERT INTO data_version (layer) VALUES ('sites'), ('staff'), ('activities');
CREATE TRIGGER site_data_version
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON site
FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('sites');
CREATE TRIGGER staff_data_version
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff
FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('staff');
CREATE TRIGGER activity_data_version
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity
FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump('activities');
