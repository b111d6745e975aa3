-- Areas at four levels (城区 → 片区 → 社区 → 小区) in one table with parent links, so a
-- planner's scenario that moves a 社区 to another 片区 is a change of one parent_id and every
-- statistic re-aggregates through the same joins.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE area (
  code text PRIMARY KEY,
  level text NOT NULL CHECK (level IN ('chengqu', 'pianqu', 'shequ', 'xiaoqu')),
  parent_code text REFERENCES area (code),
  name text NOT NULL,
  -- 镇街: an attribute, not a drill level; its code is a row of `street` (migration 015).
  street text,
  compound_type text CHECK (compound_type IN ('old', 'new', 'mixed', 'coastal')),
  households int CHECK (households >= 0),
  population int CHECK (population >= 0),
  built_year int,
  -- Every 小区 has its own party branch (100% coverage in the article); kept explicit so the
  -- coverage figure is counted, not assumed.
  has_party_branch boolean NOT NULL DEFAULT false,
  geom geometry(MultiPolygon, 4326) NOT NULL,
  -- Where the label goes: always inside the polygon, unlike a centroid.
  label_point geometry(Point, 4326) NOT NULL,
  CHECK ((level = 'chengqu') = (parent_code IS NULL)),
  CHECK ((level = 'xiaoqu') OR compound_type IS NULL)
);
CREATE INDEX area_geom_idx ON area USING gist (geom);
CREATE INDEX area_level_idx ON area (level);
CREATE INDEX area_parent_idx ON area (parent_code);

-- Each 小区 with the chain above it. Statistics of any area are the sums over the 小区 of its
-- subtree, found through this view.
CREATE VIEW xiaoqu_lineage AS
SELECT x.code AS xiaoqu_code, s.code AS shequ_code, p.code AS pianqu_code, p.parent_code AS chengqu_code
FROM area x
JOIN area s ON s.code = x.parent_code
JOIN area p ON p.code = s.parent_code
WHERE x.level = 'xiaoqu';
