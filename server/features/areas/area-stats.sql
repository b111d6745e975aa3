-- Statistics of one area ($1): everything summed over the 小区 of its subtree, so that the
-- same query answers for the zone, a 片区, a 社区 or a single 小区, and re-aggregates when a
-- scenario moves a 社区. $2..$5 are the vocabulary lists, so every category, status,
-- department and handling level appears, with zero where there is nothing. $6..$11 are the
-- map's issue filters (issue_matches): the issue figures follow them, with each issue's
-- status as it was at month $11 when the slider replays the past.
--
-- Written for a city of a million issues: the 小区 of the subtree are found through the parent
-- index level by level (a recursive walk looked like two rows to the planner and drew nested
-- loops), the zone's issues come from the rollup, and the issues are grouped once into at most
-- 7 × 4 × 3 rows that every issue figure below sums.
WITH target AS (
  SELECT code, level FROM area WHERE code = $1::text
),
-- One branch per level of the asked area, each through an index; the others find nothing.
xq AS (
  SELECT x.code, x.households, x.population, x.has_party_branch, x.parent_code AS shequ_code,
         s.parent_code AS pianqu_code
  FROM target t
  JOIN area x ON x.code = t.code AND t.level = 'xiaoqu'
  JOIN area s ON s.code = x.parent_code
  UNION ALL
  SELECT x.code, x.households, x.population, x.has_party_branch, x.parent_code, s.parent_code
  FROM target t
  JOIN area s ON s.code = t.code AND t.level = 'shequ'
  JOIN area x ON x.parent_code = s.code
  UNION ALL
  SELECT x.code, x.households, x.population, x.has_party_branch, x.parent_code, s.parent_code
  FROM target t
  JOIN area s ON s.parent_code = t.code AND t.level = 'pianqu'
  JOIN area x ON x.parent_code = s.code
  UNION ALL
  SELECT x.code, x.households, x.population, x.has_party_branch, x.parent_code, s.parent_code
  FROM target t
  JOIN area p ON p.parent_code = t.code AND t.level = 'chengqu'
  JOIN area s ON s.parent_code = p.code
  JOIN area x ON x.parent_code = s.code
),
-- The area and every area under it: each level once, without deduplicating the whole list.
subtree AS (
  SELECT code, level FROM target
  UNION ALL
  SELECT DISTINCT shequ_code, 'shequ' FROM xq WHERE (SELECT level FROM target) IN ('pianqu', 'chengqu')
  UNION ALL
  SELECT DISTINCT pianqu_code, 'pianqu' FROM xq WHERE (SELECT level FROM target) = 'chengqu'
  UNION ALL
  SELECT code, 'xiaoqu' FROM xq WHERE (SELECT level FROM target) <> 'xiaoqu'
),
iss AS (
  SELECT category, status, handling_level, sum(n)::int AS n
  FROM (
    -- The whole zone: its rollup at zoom 0 (migration 009), a few thousand rows.
    SELECT
      r.category,
      issue_status_at(r.status, r.resolved_month, $11::date) AS status,
      r.handling_level,
      r.n
    FROM issue_rollup r
    WHERE r.zoom = 0
      AND (SELECT level FROM target) = 'chengqu'
      AND issue_matches(r.category, r.status, r.handling_level, r.reported_month, r.resolved_month,
                        $6::text[], $7::text[], $8::text[], $9::date, $10::date, $11::date)
    UNION ALL
    -- A 片区, 社区 or 小区: its own issues, through the 小区 index.
    SELECT
      i.category,
      issue_status_at(i.status, coalesce(issue_month(i.resolved_at), 'infinity'::date), $11::date),
      i.handling_level,
      1
    FROM issue i
    JOIN xq ON xq.code = i.xiaoqu_code
    WHERE (SELECT level FROM target) <> 'chengqu'
      AND issue_matches(i.category, i.status, i.handling_level, issue_month(i.reported_at),
                        coalesce(issue_month(i.resolved_at), 'infinity'::date),
                        $6::text[], $7::text[], $8::text[], $9::date, $10::date, $11::date)
  ) AS matched
  GROUP BY 1, 2, 3
),
-- Credit participation is a monthly head count: report the latest month with data.
latest_credit_month AS (
  SELECT max(month) AS month FROM credit_monthly
)
SELECT json_build_object(
  'pianqu', (SELECT count(*) FROM subtree WHERE level = 'pianqu'),
  'shequ', (SELECT count(*) FROM subtree WHERE level = 'shequ'),
  'xiaoqu', (SELECT count(*) FROM xq),
  'partyBranches', (SELECT count(*) FROM xq WHERE has_party_branch),
  'households', (SELECT coalesce(sum(households), 0) FROM xq),
  'population', (SELECT coalesce(sum(population), 0) FROM xq),
  'sites', (SELECT count(*) FROM site JOIN xq ON xq.code = site.xiaoqu_code),
  'workers', (SELECT coalesce(sum(w.count), 0) FROM worker_post w JOIN xq ON xq.code = w.xiaoqu_code),
  'staff', (SELECT count(*) FROM staff JOIN xq ON xq.code = staff.xiaoqu_code),
  'staffByDepartment', (
    SELECT json_agg(json_build_object('department', d.department, 'count', coalesce(c.n, 0))
                    ORDER BY d.ord)
    FROM unnest($4::text[]) WITH ORDINALITY AS d(department, ord)
    LEFT JOIN (
      SELECT staff.department, count(*) AS n
      FROM staff JOIN xq ON xq.code = staff.xiaoqu_code
      GROUP BY staff.department
    ) AS c ON c.department = d.department
  ),
  'issues', json_build_object(
    'total', (SELECT coalesce(sum(n), 0) FROM iss),
    'resolved', (SELECT coalesce(sum(n), 0) FROM iss WHERE status = 'resolved'),
    'unresolved', (SELECT coalesce(sum(n), 0) FROM iss WHERE status <> 'resolved'),
    'resolutionRate', (
      SELECT CASE WHEN coalesce(sum(n), 0) = 0 THEN NULL
        ELSE (coalesce(sum(n) FILTER (WHERE status = 'resolved'), 0))::float8 / sum(n) END
      FROM iss
    ),
    'escalatedResolved', (
      SELECT coalesce(sum(n), 0) FROM iss WHERE handling_level = 'pianqu' AND status = 'resolved'
    ),
    'escalatedOpen', (
      SELECT coalesce(sum(n), 0) FROM iss WHERE handling_level = 'pianqu' AND status <> 'resolved'
    ),
    'byCategory', (
      SELECT json_agg(json_build_object(
        'category', c.category,
        'total', (SELECT coalesce(sum(n), 0) FROM iss WHERE iss.category = c.category),
        'resolved', (SELECT coalesce(sum(n), 0) FROM iss WHERE iss.category = c.category AND status = 'resolved')
      ) ORDER BY c.ord)
      FROM unnest($2::text[]) WITH ORDINALITY AS c(category, ord)
    ),
    'byStatus', (
      SELECT json_agg(json_build_object(
        'status', s.status,
        'count', (SELECT coalesce(sum(n), 0) FROM iss WHERE iss.status = s.status)
      ) ORDER BY s.ord)
      FROM unnest($3::text[]) WITH ORDINALITY AS s(status, ord)
    ),
    'byHandlingLevel', (
      SELECT json_agg(json_build_object(
        'level', h.level,
        'count', (SELECT coalesce(sum(n), 0) FROM iss WHERE iss.handling_level = h.level)
      ) ORDER BY h.ord)
      FROM unnest($5::text[]) WITH ORDINALITY AS h(level, ord)
    )
  ),
  'microActivities', (
    SELECT count(*) FROM activity a JOIN xq ON xq.code = a.area_code WHERE a.scope = 'xiaoqu'
  ),
  'pianquActivities', (
    SELECT count(*) FROM activity a JOIN subtree s ON s.code = a.area_code WHERE a.scope = 'pianqu'
  ),
  'projects', (SELECT count(*) FROM project p JOIN subtree s ON s.code = p.area_code),
  'projectsCompleted', (
    SELECT count(*) FROM project p JOIN subtree s ON s.code = p.area_code WHERE p.status = 'completed'
  ),
  'creditPoints', (
    SELECT coalesce(sum(c.points), 0) FROM credit_monthly c JOIN xq ON xq.code = c.xiaoqu_code
  ),
  'creditParticipants', (
    SELECT coalesce(sum(c.participants), 0)
    FROM credit_monthly c
    JOIN xq ON xq.code = c.xiaoqu_code
    JOIN latest_credit_month m ON m.month = c.month
  )
) AS stats
