-- The simulator's reads and changes (simulator.ts). A pick by `$1` (a random number in
-- [0, 1)) takes the row at that share of the rows matching, in key order.

-- name: openCount
SELECT count(*)::int AS n FROM issue WHERE status <> 'resolved'

-- name: openAt
SELECT count(*)::int AS n FROM issue WHERE status <> 'resolved' AND handling_level = $1

-- name: load
-- The busiest local day and month of issues reported ($1 'issue') or of activities held in a
-- 小区 ($1 'activity'), and what today and this month hold.
WITH d AS (
  SELECT local_day(reported_at, (SELECT zone_tz())) AS day FROM issue WHERE $1::text = 'issue'
  UNION ALL
  SELECT held_on FROM activity WHERE $1::text = 'activity' AND scope = 'xiaoqu'
),
today AS (SELECT zone_today() AS day)
SELECT
  coalesce((SELECT max(n) FROM (SELECT count(*) AS n FROM d, today WHERE d.day < today.day
            GROUP BY d.day) AS x), 0)::int AS busiest_day,
  coalesce((SELECT max(n) FROM (SELECT count(*) AS n FROM d, today
            WHERE d.day < date_trunc('month', today.day)
            GROUP BY date_trunc('month', d.day)) AS x), 0)::int AS busiest_month,
  (SELECT count(*) FROM d, today WHERE d.day = today.day)::int AS today,
  (SELECT count(*) FROM d, today
    WHERE d.day >= date_trunc('month', today.day) AND d.day <= today.day)::int AS month

-- name: xiaoqu
SELECT code, name, coalesce(households, 1)::int AS households
FROM area WHERE level = 'xiaoqu' ORDER BY code

-- name: categories
SELECT category, count(*)::int AS n FROM issue GROUP BY category ORDER BY category

-- name: eventLock
SELECT event_lock()

-- name: reportIssue
-- max(id) + 1, run under eventLock: two simulators never collide. $1 category, $2 小区,
-- $3 the seed of the point drawn inside it.
INSERT INTO issue (id, category, status, handling_level, reported_at, xiaoqu_code, geom)
SELECT (SELECT coalesce(max(id), 0) + 1 FROM issue), $1, 'open', 'xiaoqu', now(), x.code,
       ST_GeometryN(ST_GeneratePoints(x.geom, 1, $3::int), 1)
FROM area x WHERE x.code = $2

-- name: progressIssue
WITH pick AS (
  SELECT id FROM issue WHERE status = 'open' ORDER BY id
  OFFSET (SELECT floor($1::float8 * count(*))::int FROM issue WHERE status = 'open') LIMIT 1
)
UPDATE issue SET status = 'in_progress' FROM pick WHERE issue.id = pick.id RETURNING issue.id

-- name: resolveIssue
-- The demo's record runs to the end of its load day: an issue may be dated later today.
WITH pick AS (
  SELECT id FROM issue WHERE status IN ('in_progress', 'escalated') ORDER BY id
  OFFSET (SELECT floor($1::float8 * count(*))::int FROM issue
          WHERE status IN ('in_progress', 'escalated')) LIMIT 1
)
UPDATE issue SET status = 'resolved', resolved_at = greatest(now(), reported_at)
FROM pick WHERE issue.id = pick.id RETURNING issue.id

-- name: escalate
-- An open issue at level $2 goes up to level $3 with status $4.
WITH pick AS (
  SELECT id FROM issue WHERE status <> 'resolved' AND handling_level = $2 ORDER BY id
  OFFSET (SELECT floor($1::float8 * count(*))::int FROM issue
          WHERE status <> 'resolved' AND handling_level = $2) LIMIT 1
)
UPDATE issue SET handling_level = $3, status = $4
FROM pick WHERE issue.id = pick.id RETURNING issue.id

-- name: holdActivity
INSERT INTO activity (code, scope, area_code, kind, title, held_on, attendance)
VALUES ($1, 'xiaoqu', $2, $3, $4, zone_today(), $5)

-- name: movePost
-- A post ($1 picks it) moves to another 小区 of the same 社区 ($2 picks which of three).
WITH post AS (
  SELECT s.code, x.parent_code FROM staff s JOIN area x ON x.code = s.xiaoqu_code
  ORDER BY s.code OFFSET (SELECT floor($1::float8 * count(*))::int FROM staff) LIMIT 1
),
target AS (
  SELECT y.code FROM area y, post
  WHERE y.parent_code = post.parent_code AND y.level = 'xiaoqu'
    AND y.code <> (SELECT xiaoqu_code FROM staff WHERE code = post.code)
  ORDER BY y.code LIMIT 1 OFFSET floor($2::float8 * 3)::int
)
UPDATE staff SET xiaoqu_code = target.code FROM post, target
WHERE staff.code = post.code RETURNING staff.code

-- name: fixedPost
SELECT code, duty_schedule FROM staff WHERE NOT peak_only ORDER BY code
OFFSET (SELECT floor($1::float8 * count(*))::int FROM staff WHERE NOT peak_only) LIMIT 1

-- name: changeHours
UPDATE staff SET duty_schedule = $2, duty_days = $3::smallint[], duty_start = $4, duty_end = $5
WHERE code = $1 RETURNING code
