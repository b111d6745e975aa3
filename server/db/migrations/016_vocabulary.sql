-- The vocabulary as rows: issue categories, statuses, handling levels, departments, compound
-- types, room kinds and activity kinds, each term once with its key, its zh-CN and English
-- names, the other words source systems write for it (synonyms, for the import's value
-- matching) and its order. The UI labels, legends, filters, CSV exports and imports all read
-- these rows; an import may add categories and departments (see features/imports).
--
-- One table per kind, so every record's column has a plain foreign key to its list (a single
-- (kind, key) table would need a constant kind column beside each). The lists the schema once
-- fixed with CHECKs (migrations 001, 002, 005) are gone, except where SQL gives a key a
-- meaning: the statuses (resolved closes an issue) and the handling levels (pianqu is the
-- escalation to the 片区) keep fixed keys; only their names come from the rows.
--
-- Seeded with the product's default vocabulary (the terms of 片区 + 小区 governance), which
-- is product data, not the demo's: a district renames, adds or reorders terms as rows.

CREATE FUNCTION pg_temp.vocab_table(name text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($t$
    CREATE TABLE %I (
      key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{0,31}$'),
      zh text NOT NULL CHECK (btrim(zh) <> ''),
      en text NOT NULL CHECK (btrim(en) <> ''),
      synonyms text[] NOT NULL DEFAULT '{}',
      position int NOT NULL,
      UNIQUE (zh)
    )$t$, name);
END $$;

SELECT pg_temp.vocab_table(t)
FROM unnest(ARRAY['vocab_issue_category', 'vocab_issue_status', 'vocab_handling_level',
  'vocab_department', 'vocab_compound_type', 'vocab_room_kind', 'vocab_activity_kind']) AS t;

-- Keys with a meaning in SQL stay the keys SQL knows.
ALTER TABLE vocab_issue_status
  ADD CONSTRAINT vocab_issue_status_fixed CHECK (key IN ('open', 'in_progress', 'escalated', 'resolved'));
ALTER TABLE vocab_handling_level
  ADD CONSTRAINT vocab_handling_level_fixed CHECK (key IN ('xiaoqu', 'shequ', 'pianqu'));

-- The default terms, an INSERT per kind: each kind is a table of its own, so the lists stay
-- alike rather than share a statement.
INSERT INTO vocab_issue_category (key, zh, en, synonyms, position) VALUES
  ('environment', '环境提升', 'Environment', '{环境卫生,环境}', 1),
  ('facilities', '设施更新', 'Facilities', '{设施维修,设施}', 2),
  ('roads', '道路修缮', 'Road repair', '{道路维修,道路}', 3),
  ('parking', '停车优化', 'Parking', '{停车管理,停车}', 4),
  ('stairwells', '楼道整治', 'Stairwells', '{楼道}', 5),
  ('disputes', '矛盾纠纷', 'Disputes', '{邻里纠纷,纠纷}', 6),
  ('power_grid', '电网改造', 'Power grid', '{供电,电力}', 7);

INSERT INTO vocab_issue_status (key, zh, en, synonyms, position) VALUES
  ('open', '待处理', 'Open', '{未处理,待办,已受理,受理}', 1),
  ('in_progress', '处理中', 'In progress', '{办理中,正在办理}', 2),
  ('escalated', '已提级', 'Escalated', '{提级,提级协调}', 3),
  ('resolved', '已解决', 'Resolved', '{已办结,办结,已完成}', 4);

INSERT INTO vocab_handling_level (key, zh, en, synonyms, position) VALUES
  ('xiaoqu', '小区', 'Compound', '{}', 1),
  ('shequ', '社区', 'Community', '{}', 2),
  ('pianqu', '片区', 'District', '{}', 3);

INSERT INTO vocab_department (key, zh, en, synonyms, position) VALUES
  ('police', '公安', 'Police', '{派出所,公安局}', 1),
  ('fire', '消防', 'Fire', '{消防救援}', 2),
  ('market', '市场监管', 'Market regulation', '{市场监督管理,市场监管所}', 3),
  ('urban', '城管', 'Urban management', '{综合执法,城市管理}', 4);

INSERT INTO vocab_compound_type (key, zh, en, synonyms, position) VALUES
  ('old', '老旧小区', 'Old compound', '{老旧}', 1),
  ('new', '新建小区', 'New compound', '{新建}', 2),
  ('mixed', '商住混住小区', 'Mixed commercial/residential', '{混住}', 3),
  ('coastal', '沿海旅居小区', 'Coastal, seasonal residents', '{沿海}', 4);

INSERT INTO vocab_room_kind (key, zh, en, synonyms, position) VALUES
  ('idle_room', '闲置用房', 'Idle room', '{}', 1),
  ('property_room', '物业配套用房', 'Property service room', '{物业用房}', 2),
  ('party_post', '党群服务站', 'Party-mass service post', '{}', 3),
  ('community_office', '社区办公用房', 'Community office', '{}', 4);

INSERT INTO vocab_activity_kind (key, zh, en, synonyms, position) VALUES
  ('charity_market', '公益市集', 'Charity market', '{}', 1),
  ('neighbour_social', '邻里联谊', 'Neighbours'' social', '{}', 2),
  ('fun_contest', '趣味赛事', 'Fun contest', '{}', 3),
  ('performance', '文体汇演', 'Performance', '{}', 4),
  ('elder_birthday', '长者生日会', 'Elders'' birthday party', '{}', 5),
  ('neighbour_festival', '邻里节', 'Neighbourhood festival', '{}', 6),
  ('community_banquet', '百家宴', 'Community banquet', '{}', 7),
  ('sports_meet', '运动会', 'Sports meet', '{}', 8),
  ('shared_course', '共享课程', 'Shared course', '{}', 9);

-- A database migrated with data keeps every key its records use (named by the key until a
-- district names it), so the foreign keys below hold whatever was loaded before.
INSERT INTO vocab_issue_category (key, zh, en, position)
SELECT k, k, k, 100 + row_number() OVER (ORDER BY k)
FROM (SELECT DISTINCT category AS k FROM issue) AS u
WHERE NOT EXISTS (SELECT 1 FROM vocab_issue_category v WHERE v.key = u.k);
INSERT INTO vocab_department (key, zh, en, position)
SELECT k, k, k, 100 + row_number() OVER (ORDER BY k)
FROM (SELECT DISTINCT department AS k FROM staff) AS u
WHERE NOT EXISTS (SELECT 1 FROM vocab_department v WHERE v.key = u.k);

-- The CHECK lists give way to foreign keys. ON UPDATE CASCADE: renaming a key is one UPDATE.
ALTER TABLE issue DROP CONSTRAINT IF EXISTS issue_category_check;
ALTER TABLE issue DROP CONSTRAINT IF EXISTS issue_status_check;
ALTER TABLE issue DROP CONSTRAINT IF EXISTS issue_handling_level_check;
ALTER TABLE staff DROP CONSTRAINT IF EXISTS staff_department_check;
ALTER TABLE area DROP CONSTRAINT IF EXISTS area_compound_type_check;
ALTER TABLE compound_policy DROP CONSTRAINT IF EXISTS compound_policy_compound_type_check;
ALTER TABLE site DROP CONSTRAINT IF EXISTS site_room_kind_check;
ALTER TABLE activity DROP CONSTRAINT IF EXISTS activity_kind_check;

ALTER TABLE issue
  ADD CONSTRAINT issue_category_fkey FOREIGN KEY (category)
    REFERENCES vocab_issue_category (key) ON UPDATE CASCADE,
  ADD CONSTRAINT issue_status_fkey FOREIGN KEY (status)
    REFERENCES vocab_issue_status (key),
  ADD CONSTRAINT issue_handling_level_fkey FOREIGN KEY (handling_level)
    REFERENCES vocab_handling_level (key);
ALTER TABLE staff
  ADD CONSTRAINT staff_department_fkey FOREIGN KEY (department)
    REFERENCES vocab_department (key) ON UPDATE CASCADE;
ALTER TABLE area
  ADD CONSTRAINT area_compound_type_fkey FOREIGN KEY (compound_type)
    REFERENCES vocab_compound_type (key) ON UPDATE CASCADE;
ALTER TABLE compound_policy
  ADD CONSTRAINT compound_policy_compound_type_fkey FOREIGN KEY (compound_type)
    REFERENCES vocab_compound_type (key) ON UPDATE CASCADE;
ALTER TABLE site
  ADD CONSTRAINT site_room_kind_fkey FOREIGN KEY (room_kind)
    REFERENCES vocab_room_kind (key) ON UPDATE CASCADE;
ALTER TABLE activity
  ADD CONSTRAINT activity_kind_fkey FOREIGN KEY (kind)
    REFERENCES vocab_activity_kind (key) ON UPDATE CASCADE;

-- Every list in one relation, named as the API names them (`GET /api/vocabulary`).
CREATE VIEW vocabulary AS
  SELECT 'issueCategory' AS kind, key, zh, en, synonyms, position FROM vocab_issue_category
  UNION ALL SELECT 'issueStatus', key, zh, en, synonyms, position FROM vocab_issue_status
  UNION ALL SELECT 'handlingLevel', key, zh, en, synonyms, position FROM vocab_handling_level
  UNION ALL SELECT 'department', key, zh, en, synonyms, position FROM vocab_department
  UNION ALL SELECT 'compoundType', key, zh, en, synonyms, position FROM vocab_compound_type
  UNION ALL SELECT 'siteRoomKind', key, zh, en, synonyms, position FROM vocab_room_kind
  UNION ALL SELECT 'activityKind', key, zh, en, synonyms, position FROM vocab_activity_kind;
