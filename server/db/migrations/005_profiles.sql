-- What the area profiles count beyond the records of 002: the 片区's 4 duties, its monthly
-- joint meeting, shared resources, credit points redeemed across 社区, party branches, the
-- 一小区一策 policies, and the name index that search matches pinyin against. No personal
-- data: agenda owners are 社区, departments or role titles.

-- 小区党支部: one per 小区. Members are a count.
CREATE TABLE party_branch (
  xiaoqu_code text PRIMARY KEY REFERENCES area (code),
  name text NOT NULL,
  members int NOT NULL CHECK (members >= 0),
  established_on date
);

-- 一小区一策: the policy of each compound type, shown with the 小区 (text lives here, not in the UI).
CREATE TABLE compound_policy (
  compound_type text PRIMARY KEY CHECK (compound_type IN ('old', 'new', 'mixed', 'coastal')),
  title text NOT NULL,
  summary text NOT NULL,
  measures text[] NOT NULL
);

-- Marks on issues that the 片区 duties count: 历史遗留问题 (legacy) and 跨社区纠纷 (a dispute
-- with another 社区, named). Resolved or not is the issue's own status.
CREATE TABLE issue_tag (
  issue_id int NOT NULL REFERENCES issue (id) ON DELETE CASCADE,
  tag text NOT NULL CHECK (tag IN ('legacy', 'cross_shequ')),
  counterpart_shequ_code text REFERENCES area (code),
  PRIMARY KEY (issue_id, tag),
  CHECK ((tag = 'cross_shequ') = (counterpart_shequ_code IS NOT NULL))
);
CREATE INDEX issue_tag_tag_idx ON issue_tag (tag, issue_id);

-- 片区联席会议: one a month, chaired in turn (轮值) by a member 社区.
CREATE TABLE pianqu_meeting (
  pianqu_code text NOT NULL REFERENCES area (code),
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  held_on date NOT NULL,
  chair_shequ_code text NOT NULL REFERENCES area (code),
  PRIMARY KEY (pianqu_code, month)
);

-- 议事清单: the items of a meeting, each owned by a 社区, a department or a role.
CREATE TABLE agenda_item (
  code text PRIMARY KEY,
  pianqu_code text NOT NULL,
  month date NOT NULL,
  title text NOT NULL,
  owner_kind text NOT NULL CHECK (owner_kind IN ('shequ', 'department', 'role')),
  owner_code text NOT NULL,
  owner_name text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'in_progress', 'done', 'carried_over')),
  FOREIGN KEY (pianqu_code, month) REFERENCES pianqu_meeting (pianqu_code, month)
);
CREATE INDEX agenda_item_meeting_idx ON agenda_item (pianqu_code, month);

-- Shared courses and rooms of a 片区, and each use of them by a member 社区.
CREATE TABLE shared_resource (
  code text PRIMARY KEY,
  pianqu_code text NOT NULL REFERENCES area (code),
  kind text NOT NULL CHECK (kind IN ('course', 'room')),
  name text NOT NULL,
  host_shequ_code text NOT NULL REFERENCES area (code)
);
CREATE INDEX shared_resource_pianqu_idx ON shared_resource (pianqu_code);
CREATE TABLE resource_use (
  id serial PRIMARY KEY,
  resource_code text NOT NULL REFERENCES shared_resource (code),
  shequ_code text NOT NULL REFERENCES area (code),
  used_on date NOT NULL,
  attendance int NOT NULL CHECK (attendance >= 0),
  -- A course session is a 片区 activity; its attendance is split over the 社区 it came from.
  activity_code text REFERENCES activity (code)
);
CREATE INDEX resource_use_resource_idx ON resource_use (resource_code, used_on);

-- 片区内通兑: points earned in a 小区 and redeemed at another 社区 of its 片区, per month.
CREATE TABLE credit_exchange (
  xiaoqu_code text NOT NULL REFERENCES area (code),
  month date NOT NULL,
  redeemed_shequ_code text NOT NULL REFERENCES area (code),
  points int NOT NULL CHECK (points >= 0),
  PRIMARY KEY (xiaoqu_code, month, redeemed_shequ_code)
);

-- Search: every 片区, 社区, 小区 and 邻里之家 name with its pinyin, computed when the data is
-- loaded (pinyin-pro, in the server). One row per reading: a name with a character of several
-- readings gets a row for each, so either reading finds it. `initials` and `pinyin` are lower
-- case ASCII without spaces or tones.
CREATE TABLE search_key (
  kind text NOT NULL CHECK (kind IN ('pianqu', 'shequ', 'xiaoqu', 'site')),
  code text NOT NULL,
  name text NOT NULL,
  initials text NOT NULL,
  pinyin text NOT NULL,
  -- 0 for the reading pinyin-pro chose in context, 1.. for the other readings.
  variant int NOT NULL,
  PRIMARY KEY (kind, code, variant)
);
-- Prefix matches (`xwh%`, `西文%`) use these; substring matches scan a few hundred rows.
CREATE INDEX search_key_initials_idx ON search_key (initials text_pattern_ops);
CREATE INDEX search_key_pinyin_idx ON search_key (pinyin text_pattern_ops);
CREATE INDEX search_key_name_idx ON search_key (name text_pattern_ops);
