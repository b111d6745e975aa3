-- The figures engine (issue 15): the figures of each area in $1 (codes of any levels), summed
-- over the 小区 of its subtree (xiaoqu_lineage), in the window [$2, $3] (local dates; null =
-- open). The window's last day is the day the figures are read at: issues count when reported
-- in the window, and "resolved" means resolved by its end, so a window that ends with a past
-- month replays that month (status then: resolved later was still being handled). Activities,
-- projects and credit points count by their dates in the window; the current state
-- (households, sites, workers, staff) ignores it. $4 categories, $5 statuses (as of the
-- window's end), $6 handling levels narrow the issue figures only (null = all). Every term of
-- the vocabulary's categories, statuses, handling levels and departments (migration 016) is
-- listed, with zero where there is nothing, read in the statement's own snapshot. $7 is the
-- data set's IANA time zone (the zone's clock: where its days begin). $8: the window is whole months as far as the data goes (the
-- caller checks its dates), so the zone's issue figures may be summed from its rollup
-- (issue_rollup at zoom 0, a few thousand rows, kept by trigger) instead of a million issues;
-- tags (legacy, cross-社区) are few and are counted from the issues they mark.
WITH target AS (
  SELECT a.code, a.level FROM area a WHERE a.code = ANY ($1::text[])
),
bounds AS (
  -- Local midnight as instants, so the bare reported_at column can use its index.
  SELECT
    local_start($2::date, $7::text) AS t_from,
    local_start($3::date + 1, $7::text) AS t_to,
    date_trunc('month', $2::date)::date AS m_from,
    $3::date AS m_to,
    date_trunc('month', $3::date)::date AS e_month
),
-- Targets whose issue figures are read from the zone's rollup: the zone, when it is the only
-- one (zoom 0 sums every issue) and the window is whole months.
rolled AS (
  SELECT t.code FROM target t
  WHERE t.level = 'chengqu' AND $8::boolean
    AND (SELECT count(*) FROM area WHERE level = 'chengqu') = 1
),
-- Each target's 小区, joined on the lineage column of the target's own level: one equality
-- per branch, so each is a hash join (an IN over the four columns compared every target with
-- every 小区: minutes for the 2,300 片区 of a city-scale zone).
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
-- Each project with the area it is hung on and that area's ancestors (four levels at most):
-- projects are few, and a target counts those whose chain holds it (a subtree's every area
-- code, built from its 小区, cost more than all the rest of the zone's figures; a recursive
-- walk hashed the areas once a level).
project_up AS (
  SELECT p.code AS project, c.code
  FROM project p
  JOIN area a0 ON a0.code = p.area_code
  LEFT JOIN area a1 ON a1.code = a0.parent_code
  LEFT JOIN area a2 ON a2.code = a1.parent_code
  LEFT JOIN area a3 ON a3.code = a2.parent_code
  CROSS JOIN LATERAL (VALUES (a0.code), (a1.code), (a2.code), (a3.code)) AS c(code)
  WHERE c.code IS NOT NULL
),
-- The 片区 whose activities an area shows: its own, or those it contains.
pq AS (
  SELECT DISTINCT target, pianqu_code FROM xq
),
-- Each issue with its status on the window's last day: resolved if resolved by then; one
-- resolved later was being handled then (the status it had before is not kept).
issue_as_of AS NOT MATERIALIZED (
  SELECT i.id, i.xiaoqu_code, i.category, i.handling_level, i.reported_at, i.resolved_at,
    CASE
      WHEN i.resolved_at IS NOT NULL AND (b.t_to IS NULL OR i.resolved_at < b.t_to) THEN 'resolved'
      WHEN i.status = 'resolved' THEN 'in_progress'
      ELSE i.status
    END AS status
  FROM issue i CROSS JOIN bounds b
),
tags AS NOT MATERIALIZED (
  SELECT issue_id, bool_or(tag = 'legacy') AS legacy, bool_or(tag = 'cross_shequ') AS cross_shequ
  FROM issue_tag GROUP BY issue_id
),
-- The issues of each target counted once per combination of what the sums below tell apart,
-- so the million rows of a city-scale zone are read and grouped once, not once per sum. Tags
-- are joined grouped per issue (a subquery per issue row cost two probes each).
-- One pass over each target's issues for both what was reported in the window (with its
-- status at the window's end) and what was closed in it (办结, whenever reported), so the
-- million issues of many targets are read once, not twice.
iss_pass AS (
  SELECT target, category, status, handling_level, legacy, cross_shequ, reported, closed,
         count(*)::int AS n
  FROM (
    SELECT xq.target, i.category, i.status, i.handling_level,
           coalesce(g.legacy, false) AS legacy,
           coalesce(g.cross_shequ, false) AS cross_shequ,
           (b.t_from IS NULL OR i.reported_at >= b.t_from)
             AND (b.t_to IS NULL OR i.reported_at < b.t_to)
             AND ($5::text[] IS NULL OR i.status = ANY ($5::text[])) AS reported,
           i.resolved_at IS NOT NULL
             AND (b.t_from IS NULL OR i.resolved_at >= b.t_from)
             AND (b.t_to IS NULL OR i.resolved_at < b.t_to)
             AND ($5::text[] IS NULL OR 'resolved' = ANY ($5::text[])) AS closed
    FROM xq
    JOIN issue_as_of i ON i.xiaoqu_code = xq.xiaoqu_code
    LEFT JOIN tags AS g ON g.issue_id = i.id
    CROSS JOIN bounds b
    WHERE ($4::text[] IS NULL OR i.category = ANY ($4::text[]))
      AND ($6::text[] IS NULL OR i.handling_level = ANY ($6::text[]))
      AND xq.target NOT IN (SELECT code FROM rolled)
  ) AS p
  WHERE reported OR closed
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
),
iss_raw AS (
  SELECT target, category, status, handling_level, legacy, cross_shequ, sum(n)::int AS n
  FROM iss_pass WHERE reported
  GROUP BY 1, 2, 3, 4, 5, 6
),
-- The zone's issues from its rollup, each with its status at the end of the window's month.
iss_rolled AS (
  SELECT t.code AS target, r.category,
         issue_status_at(r.status, r.resolved_month, b.e_month) AS status, r.handling_level,
         false AS legacy, false AS cross_shequ, sum(r.n)::int AS n
  FROM rolled t
  CROSS JOIN bounds b
  JOIN issue_rollup r ON r.zoom = 0
  WHERE (b.m_from IS NULL OR r.reported_month >= b.m_from)
    AND (b.e_month IS NULL OR r.reported_month <= b.e_month)
    AND ($4::text[] IS NULL OR r.category = ANY ($4::text[]))
    AND ($5::text[] IS NULL OR issue_status_at(r.status, r.resolved_month, b.e_month) = ANY ($5::text[]))
    AND ($6::text[] IS NULL OR r.handling_level = ANY ($6::text[]))
  GROUP BY 1, 2, 3, 4
  HAVING sum(r.n) <> 0
),
iss AS (
  SELECT * FROM iss_raw UNION ALL SELECT * FROM iss_rolled
),
-- The tagged issues of the zone, which its rollup does not tell apart.
rolled_tags AS (
  SELECT xq.target,
    (count(*) FILTER (WHERE g.legacy))::int AS legacy,
    (count(*) FILTER (WHERE g.legacy AND i.status = 'resolved'))::int AS legacy_resolved,
    (count(*) FILTER (WHERE g.cross_shequ))::int AS cross_total,
    (count(*) FILTER (WHERE g.cross_shequ AND i.status = 'resolved'))::int AS cross_resolved
  FROM tags g
  JOIN issue_as_of i ON i.id = g.issue_id
  JOIN xq ON xq.xiaoqu_code = i.xiaoqu_code AND xq.target IN (SELECT code FROM rolled)
  CROSS JOIN bounds b
  WHERE (b.t_from IS NULL OR i.reported_at >= b.t_from)
    AND (b.t_to IS NULL OR i.reported_at < b.t_to)
    AND ($4::text[] IS NULL OR i.category = ANY ($4::text[]))
    AND ($5::text[] IS NULL OR i.status = ANY ($5::text[]))
    AND ($6::text[] IS NULL OR i.handling_level = ANY ($6::text[]))
  GROUP BY xq.target
),
-- 办结: issues resolved inside the window, whenever reported.
closed AS (
  SELECT t.code AS target, sum(r.n)::int AS n
  FROM rolled t
  CROSS JOIN bounds b
  JOIN issue_rollup r ON r.zoom = 0
  WHERE r.resolved_month <> 'infinity'::date
    AND (b.m_from IS NULL OR r.resolved_month >= b.m_from)
    AND (b.e_month IS NULL OR r.resolved_month <= b.e_month)
    AND ($4::text[] IS NULL OR r.category = ANY ($4::text[]))
    AND ($5::text[] IS NULL OR 'resolved' = ANY ($5::text[]))
    AND ($6::text[] IS NULL OR r.handling_level = ANY ($6::text[]))
  GROUP BY t.code
  UNION ALL
  SELECT target, sum(n)::int AS n FROM iss_pass WHERE closed GROUP BY target
),
iss_sum AS (
  SELECT target,
    sum(n)::int AS total,
    coalesce(sum(n) FILTER (WHERE status = 'resolved'), 0)::int AS resolved,
    coalesce(sum(n) FILTER (WHERE handling_level = 'pianqu'), 0)::int AS escalated,
    coalesce(sum(n) FILTER (WHERE handling_level = 'pianqu' AND status = 'resolved'), 0)::int AS escalated_resolved,
    coalesce(sum(n) FILTER (WHERE legacy), 0)::int AS legacy,
    coalesce(sum(n) FILTER (WHERE legacy AND status = 'resolved'), 0)::int AS legacy_resolved,
    coalesce(sum(n) FILTER (WHERE cross_shequ), 0)::int AS cross_total,
    coalesce(sum(n) FILTER (WHERE cross_shequ AND status = 'resolved'), 0)::int AS cross_resolved
  FROM iss GROUP BY target
),
-- The tag counts: from the grouped issues, or for the zone read from its rollup, counted apart.
iss_tags AS (
  SELECT i.target,
    i.legacy + coalesce(r.legacy, 0) AS legacy,
    i.legacy_resolved + coalesce(r.legacy_resolved, 0) AS legacy_resolved,
    i.cross_total + coalesce(r.cross_total, 0) AS cross_total,
    i.cross_resolved + coalesce(r.cross_resolved, 0) AS cross_resolved
  FROM iss_sum i LEFT JOIN rolled_tags r ON r.target = i.target
),
act AS (
  SELECT xq.target, count(*)::int AS n, coalesce(sum(a.attendance), 0)::int AS attendance
  FROM xq
  JOIN activity a ON a.scope = 'xiaoqu' AND a.area_code = xq.xiaoqu_code
  WHERE ($2::date IS NULL OR a.held_on >= $2::date) AND ($3::date IS NULL OR a.held_on <= $3::date)
  GROUP BY xq.target
),
pact AS (
  SELECT pq.target, count(*)::int AS n, coalesce(sum(a.attendance), 0)::int AS attendance
  FROM pq
  JOIN activity a ON a.scope = 'pianqu' AND a.area_code = pq.pianqu_code
  WHERE ($2::date IS NULL OR a.held_on >= $2::date) AND ($3::date IS NULL OR a.held_on <= $3::date)
  GROUP BY pq.target
),
proj AS (
  SELECT t.code AS target, count(*)::int AS n,
         (count(*) FILTER (WHERE p.status = 'completed'
           AND ($3::date IS NULL OR coalesce(p.completed_on, p.claimed_on) <= $3::date)))::int AS completed
  FROM target t
  JOIN project_up u ON u.code = t.code
  JOIN project p ON p.code = u.project
  WHERE ($2::date IS NULL OR p.claimed_on >= $2::date) AND ($3::date IS NULL OR p.claimed_on <= $3::date)
  GROUP BY t.code
),
cred AS (
  SELECT xq.target, c.month, sum(c.points)::int AS points, sum(c.participants)::int AS participants
  FROM xq
  JOIN credit_monthly c ON c.xiaoqu_code = xq.xiaoqu_code
  CROSS JOIN bounds b
  WHERE (b.m_from IS NULL OR c.month >= b.m_from) AND (b.m_to IS NULL OR c.month <= b.m_to)
  GROUP BY xq.target, c.month
),
cred_sum AS (
  -- Participants are a monthly head count: the latest month of the window, not a sum.
  SELECT target, sum(points)::int AS earned,
         (array_agg(participants ORDER BY month DESC))[1] AS participants
  FROM cred GROUP BY target
),
exch AS (
  SELECT xq.target, sum(e.points)::int AS exchanged
  FROM xq
  JOIN credit_exchange e ON e.xiaoqu_code = xq.xiaoqu_code
  CROSS JOIN bounds b
  WHERE (b.m_from IS NULL OR e.month >= b.m_from) AND (b.m_to IS NULL OR e.month <= b.m_to)
  GROUP BY xq.target
),
cat_sum AS (
  SELECT target, category, sum(n)::int AS total,
         coalesce(sum(n) FILTER (WHERE status = 'resolved'), 0)::int AS resolved
  FROM iss GROUP BY target, category
),
status_sum AS (
  SELECT target, status, sum(n)::int AS n FROM iss GROUP BY target, status
),
-- Every category and status of the vocabulary for every target, built for all targets at once:
-- a subquery per output row scanned all the targets' issues again for each one.
-- The *_json CTEs below stay alike: each names its own vocabulary table and column, which
-- SQL takes from the text of the query, not from a parameter.
cat_json AS (
  SELECT t.code AS target,
    json_agg(json_build_object(
      'category', c.category,
      'total', coalesce(cs.total, 0),
      'resolved', coalesce(cs.resolved, 0)
    ) ORDER BY c.ord) AS by_category
  FROM target t
  CROSS JOIN unnest(ARRAY(SELECT key FROM vocab_issue_category ORDER BY position, key)) WITH ORDINALITY AS c(category, ord)
  LEFT JOIN cat_sum cs ON cs.target = t.code AND cs.category = c.category
  GROUP BY t.code
),
status_json AS (
  SELECT t.code AS target,
    json_agg(json_build_object('status', s.status, 'count', coalesce(ss.n, 0))
      ORDER BY s.ord) AS by_status
  FROM target t
  CROSS JOIN unnest(ARRAY(SELECT key FROM vocab_issue_status ORDER BY position, key)) WITH ORDINALITY AS s(status, ord)
  LEFT JOIN status_sum ss ON ss.target = t.code AND ss.status = s.status
  GROUP BY t.code
),
level_sum AS (
  SELECT target, handling_level, sum(n)::int AS total,
         coalesce(sum(n) FILTER (WHERE status = 'resolved'), 0)::int AS resolved
  FROM iss GROUP BY target, handling_level
),
level_json AS (
  SELECT t.code AS target,
    json_agg(json_build_object(
      'level', h.level,
      'total', coalesce(ls.total, 0),
      'resolved', coalesce(ls.resolved, 0)
    ) ORDER BY h.ord) AS by_level
  FROM target t
  CROSS JOIN unnest(ARRAY(SELECT key FROM vocab_handling_level ORDER BY position, key)) WITH ORDINALITY AS h(level, ord)
  LEFT JOIN level_sum ls ON ls.target = t.code AND ls.handling_level = h.level
  GROUP BY t.code
),
dept_sum AS (
  SELECT xq.target, sf.department, count(*)::int AS n
  FROM xq JOIN staff sf ON sf.xiaoqu_code = xq.xiaoqu_code GROUP BY 1, 2
),
dept_json AS (
  SELECT t.code AS target,
    json_agg(json_build_object('department', d.department, 'count', coalesce(ds.n, 0))
      ORDER BY d.ord) AS by_department
  FROM target t
  CROSS JOIN unnest(ARRAY(SELECT key FROM vocab_department ORDER BY position, key)) WITH ORDINALITY AS d(department, ord)
  LEFT JOIN dept_sum ds ON ds.target = t.code AND ds.department = d.department
  GROUP BY t.code
),
xq_state AS (
  -- The 片区 and 社区 inside the area (a 社区 holds no 片区, a 小区 no 社区).
  SELECT xq.target,
    CASE WHEN t.level IN ('pianqu', 'chengqu') THEN count(DISTINCT xq.pianqu_code) ELSE 0 END::int AS pianqu,
    CASE WHEN t.level <> 'xiaoqu' THEN count(DISTINCT x.parent_code) ELSE 0 END::int AS shequ,
    count(*)::int AS xiaoqu,
    (count(*) FILTER (WHERE x.has_party_branch))::int AS party_branches,
    coalesce(sum(x.households), 0)::int AS households,
    coalesce(sum(x.population), 0)::int AS population
  FROM xq JOIN area x ON x.code = xq.xiaoqu_code JOIN target t ON t.code = xq.target
  GROUP BY xq.target, t.level
),
-- Sites, workers and staff grouped once for all targets (a subquery per target rescanned
-- every target's 小区 for each one).
site_n AS (
  SELECT xq.target, count(*)::int AS n
  FROM xq JOIN site si ON si.xiaoqu_code = xq.xiaoqu_code GROUP BY xq.target
),
worker_n AS (
  SELECT xq.target, sum(w.count)::int AS n
  FROM xq JOIN worker_post w ON w.xiaoqu_code = xq.xiaoqu_code GROUP BY xq.target
),
staff_n AS (
  SELECT xq.target, count(*)::int AS n
  FROM xq JOIN staff sf ON sf.xiaoqu_code = xq.xiaoqu_code GROUP BY xq.target
),
state AS (
  SELECT t.code AS target,
    coalesce(s.pianqu, 0) AS pianqu, coalesce(s.shequ, 0) AS shequ, coalesce(s.xiaoqu, 0) AS xiaoqu,
    coalesce(s.party_branches, 0) AS party_branches,
    coalesce(s.households, 0) AS households, coalesce(s.population, 0) AS population,
    coalesce(si.n, 0) AS sites,
    coalesce(w.n, 0) AS workers,
    coalesce(sf.n, 0) AS staff
  FROM target t
  LEFT JOIN xq_state s ON s.target = t.code
  LEFT JOIN site_n si ON si.target = t.code
  LEFT JOIN worker_n w ON w.target = t.code
  LEFT JOIN staff_n sf ON sf.target = t.code
)
SELECT
  st.target AS code,
  json_build_object(
    'pianqu', st.pianqu,
    'shequ', st.shequ,
    'xiaoqu', st.xiaoqu,
    'partyBranches', st.party_branches,
    'households', st.households,
    'population', st.population,
    'sites', st.sites,
    'workers', st.workers,
    'staff', st.staff,
    'staffByDepartment', dj.by_department,
    'issues', json_build_object(
      'total', coalesce(i.total, 0),
      'resolved', coalesce(i.resolved, 0),
      'unresolved', coalesce(i.total - i.resolved, 0),
      'resolutionRate', CASE WHEN coalesce(i.total, 0) = 0 THEN NULL
                             ELSE i.resolved::float8 / i.total END,
      'resolvedInWindow', coalesce(cl.n, 0),
      'escalated', coalesce(i.escalated, 0),
      'escalatedResolved', coalesce(i.escalated_resolved, 0),
      'escalatedOpen', coalesce(i.escalated - i.escalated_resolved, 0),
      'legacy', coalesce(tg.legacy, 0),
      'legacyResolved', coalesce(tg.legacy_resolved, 0),
      'legacyRate', CASE WHEN coalesce(tg.legacy, 0) = 0 THEN NULL
                         ELSE tg.legacy_resolved::float8 / tg.legacy END,
      'crossShequDisputes', coalesce(tg.cross_total, 0),
      'crossShequMediated', coalesce(tg.cross_resolved, 0),
      'perWorker', CASE WHEN st.workers = 0 THEN NULL
                        ELSE coalesce(i.total, 0)::float8 / st.workers END,
      'byCategory', cj.by_category,
      'byStatus', sj.by_status,
      'byHandlingLevel', lj.by_level
    ),
    'microActivities', coalesce(a.n, 0),
    'microAttendance', coalesce(a.attendance, 0),
    'pianquActivities', coalesce(pa.n, 0),
    'pianquAttendance', coalesce(pa.attendance, 0),
    'attendance', coalesce(a.attendance, 0) + coalesce(pa.attendance, 0),
    'projects', coalesce(p.n, 0),
    'projectsCompleted', coalesce(p.completed, 0),
    'credits', json_build_object(
      'earned', coalesce(c.earned, 0),
      'exchanged', coalesce(e.exchanged, 0),
      'participants', coalesce(c.participants, 0)
    )
  ) AS figures
FROM state st
LEFT JOIN iss_sum i ON i.target = st.target
LEFT JOIN iss_tags tg ON tg.target = st.target
LEFT JOIN act a ON a.target = st.target
LEFT JOIN pact pa ON pa.target = st.target
LEFT JOIN proj p ON p.target = st.target
LEFT JOIN cred_sum c ON c.target = st.target
LEFT JOIN exch e ON e.target = st.target
LEFT JOIN cat_json cj ON cj.target = st.target
LEFT JOIN status_json sj ON sj.target = st.target
LEFT JOIN level_json lj ON lj.target = st.target
LEFT JOIN dept_json dj ON dj.target = st.target
LEFT JOIN closed cl ON cl.target = st.target
ORDER BY st.target
