-- Monthly series of each area in $1 for the small charts: months $2..$3 (first days), records
-- inside the window [$4, $5] (local dates; null = open) counted in the month they fall in, with
-- the issue filters $6 categories, $7 statuses, $8 handling levels. The definitions of
-- figures.sql: an issue counts in the month it was reported, and as resolved when it was
-- resolved by the window's last day, with its status on that day; so a series sums to its
-- figure. $9 is the data set's IANA time zone. $10: the window is whole months,
-- so the zone's months may be summed from its rollup (issue_rollup at zoom 0), as figures.sql
-- does.
WITH target AS (
  SELECT a.code, a.level FROM area a WHERE a.code = ANY ($1::text[])
),
-- figures.sql's fan-out of each target to its 小区, restated: each file is one statement the
-- planner sees whole (behind a function the four hash joins would be hidden from it).
xq AS (
  SELECT t.code AS target, l.xiaoqu_code, l.pianqu_code
  FROM target t JOIN xiaoqu_lineage l ON l.xiaoqu_code = t.code WHERE t.level = 'xiaoqu'
  UNION ALL
  SELECT t.code, l.xiaoqu_code, l.pianqu_code
  FROM target t JOIN xiaoqu_lineage l ON l.shequ_code = t.code WHERE t.level = 'shequ'
  UNION ALL
  SELECT t.code, l.xiaoqu_code, l.pianqu_code
  FROM target t JOIN xiaoqu_lineage l ON l.pianqu_code = t.code WHERE t.level = 'pianqu'
  UNION ALL
  SELECT t.code, l.xiaoqu_code, l.pianqu_code
  FROM target t JOIN xiaoqu_lineage l ON l.chengqu_code = t.code WHERE t.level = 'chengqu'
),
pq AS (
  SELECT DISTINCT target, pianqu_code FROM xq
),
months AS (
  SELECT m::date AS month FROM generate_series($2::date, $3::date, interval '1 month') AS g(m)
),
bounds AS (
  SELECT
    local_start($4::date, $9::text) AS t_from,
    local_start($5::date + 1, $9::text) AS t_to,
    local_start($2::date, $9::text) AS s_from,
    local_start(($3::date + interval '1 month')::date, $9::text) AS s_to,
    date_trunc('month', $4::date)::date AS m_from,
    date_trunc('month', $5::date)::date AS e_month
),
rolled AS (
  SELECT t.code FROM target t
  WHERE t.level = 'chengqu' AND $10::boolean
    AND (SELECT count(*) FROM area WHERE level = 'chengqu') = 1
),
issue_as_of AS NOT MATERIALIZED (
  SELECT i.xiaoqu_code, i.category, i.handling_level, i.reported_at,
    local_month(i.reported_at, $9::text) AS month,
    CASE
      WHEN i.resolved_at IS NOT NULL AND (b.t_to IS NULL OR i.resolved_at < b.t_to) THEN 'resolved'
      WHEN i.status = 'resolved' THEN 'in_progress'
      ELSE i.status
    END AS status
  FROM issue i CROSS JOIN bounds b
),
iss AS (
  SELECT xq.target, i.month,
         count(*)::int AS issues,
         (count(*) FILTER (WHERE i.status = 'resolved'))::int AS resolved
  FROM xq
  JOIN issue_as_of i ON i.xiaoqu_code = xq.xiaoqu_code
  CROSS JOIN bounds b
  WHERE i.reported_at >= b.s_from AND i.reported_at < b.s_to
    AND (b.t_from IS NULL OR i.reported_at >= b.t_from)
    AND (b.t_to IS NULL OR i.reported_at < b.t_to)
    AND ($6::text[] IS NULL OR i.category = ANY ($6::text[]))
    AND ($7::text[] IS NULL OR i.status = ANY ($7::text[]))
    AND ($8::text[] IS NULL OR i.handling_level = ANY ($8::text[]))
    AND xq.target NOT IN (SELECT code FROM rolled)
  GROUP BY 1, 2
  UNION ALL
  SELECT t.code, r.reported_month,
         sum(r.n)::int,
         (coalesce(sum(r.n) FILTER (
           WHERE issue_status_at(r.status, r.resolved_month, b.e_month) = 'resolved'), 0))::int
  FROM rolled t
  CROSS JOIN bounds b
  JOIN issue_rollup r ON r.zoom = 0
  WHERE r.reported_month >= $2::date AND r.reported_month <= $3::date
    AND (b.m_from IS NULL OR r.reported_month >= b.m_from)
    AND (b.e_month IS NULL OR r.reported_month <= b.e_month)
    AND ($6::text[] IS NULL OR r.category = ANY ($6::text[]))
    AND ($7::text[] IS NULL OR issue_status_at(r.status, r.resolved_month, b.e_month) = ANY ($7::text[]))
    AND ($8::text[] IS NULL OR r.handling_level = ANY ($8::text[]))
  GROUP BY 1, 2
),
acts AS (
  SELECT target, date_trunc('month', held_on)::date AS month,
         count(*)::int AS activities, sum(attendance)::int AS attendance
  FROM (
    SELECT xq.target, a.held_on, a.attendance
    FROM xq JOIN activity a ON a.scope = 'xiaoqu' AND a.area_code = xq.xiaoqu_code
    UNION ALL
    SELECT pq.target, a.held_on, a.attendance
    FROM pq JOIN activity a ON a.scope = 'pianqu' AND a.area_code = pq.pianqu_code
  ) a
  WHERE a.held_on >= $2::date AND a.held_on < ($3::date + interval '1 month')
    AND ($4::date IS NULL OR a.held_on >= $4::date) AND ($5::date IS NULL OR a.held_on <= $5::date)
  GROUP BY 1, 2
),
cred AS (
  SELECT xq.target, c.month, sum(c.points)::int AS points
  FROM xq JOIN credit_monthly c ON c.xiaoqu_code = xq.xiaoqu_code
  WHERE c.month BETWEEN $2::date AND $3::date
    AND ($4::date IS NULL OR c.month >= date_trunc('month', $4::date)::date)
    AND ($5::date IS NULL OR c.month <= $5::date)
  GROUP BY 1, 2
)
SELECT t.code, json_agg(json_build_object(
  'month', to_char(m.month, 'YYYY-MM'),
  'issues', coalesce(i.issues, 0),
  'resolved', coalesce(i.resolved, 0),
  'activities', coalesce(a.activities, 0),
  'attendance', coalesce(a.attendance, 0),
  'creditPoints', coalesce(c.points, 0)
) ORDER BY m.month) AS series
FROM target t
CROSS JOIN months m
LEFT JOIN iss i ON i.target = t.code AND i.month = m.month
LEFT JOIN acts a ON a.target = t.code AND a.month = m.month
LEFT JOIN cred c ON c.target = t.code AND c.month = m.month
GROUP BY t.code
