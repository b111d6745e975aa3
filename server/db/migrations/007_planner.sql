-- The planner's redistricting workbench: boundary versions (边界版本) with the history of
-- which 片区 each 社区 belonged to when, the per-version precomputed units the metrics run
-- on, and saved scenarios (方案).
--
-- No foreign keys to `area`: reloading the demo data set truncates `area`, and history must
-- outlive the rows it describes (a dissolved 片区 is gone from `area` but not from here).

-- One configuration of 社区 → 片区, in force from `effective_from` until the next version's.
-- The first is made from `area` the first time the planner is used (or after a data reload).
CREATE TABLE boundary_version (
  id serial PRIMARY KEY,
  effective_from date NOT NULL,
  note text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- The scenario applied to make it; null for the configuration the data was loaded with.
  scenario_id int,
  -- `dataset.loaded_at` of the data this version describes: a reload starts a new version.
  dataset_loaded_at timestamptz,
  -- End date of the 12-month figures precomputed for it.
  reference_date date
);
CREATE INDEX boundary_version_from_idx ON boundary_version (effective_from);

-- Which 片区 a 社区 belonged to, from valid_from (inclusive) to valid_to (exclusive; null:
-- still). "The configuration on a date" is one indexed range lookup.
CREATE TABLE shequ_assignment (
  shequ_code text NOT NULL,
  pianqu_code text NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  version_id int NOT NULL REFERENCES boundary_version (id),
  PRIMARY KEY (shequ_code, valid_from),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX shequ_assignment_open_idx ON shequ_assignment (shequ_code) WHERE valid_to IS NULL;

-- The 片区 of each version with their names and shapes then: dissolved 片区 keep theirs here.
CREATE TABLE pianqu_version (
  version_id int NOT NULL REFERENCES boundary_version (id),
  code text NOT NULL,
  name text NOT NULL,
  geom geometry(MultiPolygon, 4326),
  -- For a 片区 dissolved by this version's successor: the 片区 that took over its records.
  successor_code text,
  PRIMARY KEY (version_id, code)
);

-- Each 社区 of a version with everything the metrics need, summed once in PostGIS.
CREATE TABLE planner_unit (
  version_id int NOT NULL REFERENCES boundary_version (id),
  code text NOT NULL,
  name text NOT NULL,
  pianqu_code text NOT NULL,
  street text,
  population int NOT NULL,
  households int NOT NULL,
  workers int NOT NULL,
  open_issues int NOT NULL,
  issues_12m int NOT NULL,
  sites int NOT NULL,
  staff int NOT NULL,
  escalations_12m int NOT NULL,
  area_m2 float8 NOT NULL,
  perimeter_m float8 NOT NULL,
  zone_edge_m float8 NOT NULL,
  label_point geometry(Point, 4326) NOT NULL,
  geom geometry(MultiPolygon, 4326) NOT NULL,
  -- Its stretch of the zone's outer edge, for drawing outlines.
  zone_edge geometry(Geometry, 4326),
  PRIMARY KEY (version_id, code)
);

-- Touching 社区 (a < b) with the boundary they share: its length and the line itself.
CREATE TABLE planner_adjacency (
  version_id int NOT NULL REFERENCES boundary_version (id),
  a text NOT NULL,
  b text NOT NULL,
  shared_m float8 NOT NULL,
  geom geometry(Geometry, 4326) NOT NULL,
  PRIMARY KEY (version_id, a, b),
  CHECK (a < b)
);

-- 方案: a saved scenario. The assignment and 片区 list are JSON (read and written whole);
-- `metrics` is what metrics.ts computed on the server when it was saved.
CREATE TABLE planner_scenario (
  id serial PRIMARY KEY,
  schema_version int NOT NULL DEFAULT 1,
  name text NOT NULL,
  author text NOT NULL,
  notes text NOT NULL DEFAULT '',
  base_version int NOT NULL REFERENCES boundary_version (id),
  assignment jsonb NOT NULL,
  pianqu jsonb NOT NULL,
  locked jsonb NOT NULL DEFAULT '[]',
  band_pct float8 NOT NULL,
  metrics jsonb NOT NULL,
  applied_version int REFERENCES boundary_version (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
