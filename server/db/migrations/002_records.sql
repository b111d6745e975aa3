-- What sits on the map and in the statistics. Everything hangs off a 小区 (or a 片区 for
-- 片区 activities), so it re-aggregates when boundaries change. No personal data here.

-- 邻里之家
CREATE TABLE site (
  code text PRIMARY KEY,
  name text NOT NULL,
  xiaoqu_code text NOT NULL REFERENCES area (code),
  room_kind text NOT NULL CHECK (room_kind IN ('idle_room', 'property_room', 'party_post', 'community_office')),
  services text[] NOT NULL,
  opening_hours text NOT NULL,
  floor_area_m2 int NOT NULL CHECK (floor_area_m2 > 0),
  geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX site_geom_idx ON site USING gist (geom);
CREATE INDEX site_xiaoqu_idx ON site (xiaoqu_code);

-- 社区工作者: counts per 小区 and role, never people.
CREATE TABLE worker_post (
  xiaoqu_code text NOT NULL REFERENCES area (code),
  role text NOT NULL CHECK (role IN ('grid_worker', 'social_worker', 'branch_assistant')),
  count int NOT NULL CHECK (count >= 0),
  PRIMARY KEY (xiaoqu_code, role)
);

-- 下沉人员: staff sent down from departments, by post, without names.
CREATE TABLE staff (
  code text PRIMARY KEY,
  department text NOT NULL CHECK (department IN ('police', 'fire', 'market', 'urban')),
  xiaoqu_code text NOT NULL REFERENCES area (code),
  duty_schedule text NOT NULL
);
CREATE INDEX staff_xiaoqu_idx ON staff (xiaoqu_code);

-- 民生问题
CREATE TABLE issue (
  id int PRIMARY KEY,
  category text NOT NULL CHECK (category IN ('environment', 'facilities', 'roads', 'parking', 'stairwells', 'disputes', 'power_grid')),
  status text NOT NULL CHECK (status IN ('open', 'in_progress', 'escalated', 'resolved')),
  handling_level text NOT NULL CHECK (handling_level IN ('xiaoqu', 'shequ', 'pianqu')),
  reported_at timestamptz NOT NULL,
  resolved_at timestamptz,
  xiaoqu_code text NOT NULL REFERENCES area (code),
  geom geometry(Point, 4326) NOT NULL,
  CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
  CHECK (resolved_at IS NULL OR resolved_at >= reported_at)
);
CREATE INDEX issue_geom_idx ON issue USING gist (geom);
CREATE INDEX issue_xiaoqu_idx ON issue (xiaoqu_code);
CREATE INDEX issue_reported_idx ON issue (reported_at);
CREATE INDEX issue_unresolved_idx ON issue (xiaoqu_code) WHERE status <> 'resolved';

-- 惠民微活动 (scope xiaoqu) and 片区 activities (scope pianqu).
CREATE TABLE activity (
  code text PRIMARY KEY,
  scope text NOT NULL CHECK (scope IN ('xiaoqu', 'pianqu')),
  area_code text NOT NULL REFERENCES area (code),
  kind text NOT NULL,
  title text NOT NULL,
  held_on date NOT NULL,
  attendance int NOT NULL CHECK (attendance >= 0)
);
CREATE INDEX activity_area_idx ON activity (area_code);

-- 攻坚项目 claimed by party secretaries at every level.
CREATE TABLE project (
  code text PRIMARY KEY,
  title text NOT NULL,
  area_code text NOT NULL REFERENCES area (code),
  claimed_level text NOT NULL CHECK (claimed_level IN ('pianqu', 'shequ', 'xiaoqu')),
  status text NOT NULL CHECK (status IN ('in_progress', 'completed')),
  claimed_on date NOT NULL,
  completed_on date
);
CREATE INDEX project_area_idx ON project (area_code);

-- 信用积分, aggregated per 小区 and month: participation, never a person.
CREATE TABLE credit_monthly (
  xiaoqu_code text NOT NULL REFERENCES area (code),
  month date NOT NULL,
  points int NOT NULL CHECK (points >= 0),
  participants int NOT NULL CHECK (participants >= 0),
  PRIMARY KEY (xiaoqu_code, month)
);

-- Seasonal tourist pressure: estimated visitors per hexagon cell, month and hour of day.
CREATE TABLE tourism_cell (
  cell_id text PRIMARY KEY,
  geom geometry(Polygon, 4326) NOT NULL
);
CREATE INDEX tourism_cell_geom_idx ON tourism_cell USING gist (geom);
CREATE TABLE tourism_pressure (
  cell_id text NOT NULL REFERENCES tourism_cell (cell_id),
  month smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
  hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
  visitors int NOT NULL CHECK (visitors >= 0),
  PRIMARY KEY (cell_id, month, hour)
);

-- Which data set is loaded: the demo (with the hash of geodata/) or an import.
CREATE TABLE dataset (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  source text NOT NULL,
  version text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

-- The offline basemap: land, main roads and landmarks (illustrative, from geodata/).
CREATE TABLE basemap_feature (
  id serial PRIMARY KEY,
  layer text NOT NULL CHECK (layer IN ('land', 'road', 'landmark')),
  name text,
  class text,
  geom geometry(Geometry, 4326) NOT NULL
);
