-- Statistics of one area ($1): everything summed over the 小区 of its subtree, so that the
-- same query answers for the zone, a 片区, a 社区 or a single 小区, and re-aggregates when a
-- scenario moves a 社区. $2..$5 are the vocabulary lists, so every category, status,
-- department and handling level appears, with zero where there is nothing. $6..$11 are the
-- map's issue filters (issue_matches): the issue figures follow them, with each issue's
-- status as it was at month $11 when the slider replays the past.
WITH RECURSIVE subtree AS (
  SELECT code, level FROM area WHERE code = $1::text
  UNION ALL
  SELECT a.code, a.level FROM area a JOIN subtree s ON a.parent_code = s.code
),
xq AS (
  SELECT x.code, x.households, x.population, x.has_party_branch
  FROM area x
  JOIN subtree s ON s.code = x.code
  WHERE s.level = 'xiaoqu'
),
iss AS (
  SELECT
    i.category,
    issue_status_at(i.status, coalesce(issue_month(i.resolved_at), 'infinity'::date), $11::date) AS status,
    i.handling_level
  FROM issue i
  JOIN xq ON xq.code = i.xiaoqu_code
  WHERE issue_matches(i.category, i.status, i.handling_level, issue_month(i.reported_at),
                      coalesce(issue_month(i.resolved_at), 'infinity'::date),
                      $6::text[], $7::text[], $8::text[], $9::date, $10::date, $11::date)
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
    SELECT json_agg(json_build_object('department', d.department, 'count', (
      SELECT count(*) FROM staff JOIN xq ON xq.code = staff.xiaoqu_code
      WHERE staff.department = d.department
    )) ORDER BY d.ord)
    FROM unnest($4::text[]) WITH ORDINALITY AS d(department, ord)
  ),
  'issues', json_build_object(
    'total', (SELECT count(*) FROM iss),
    'resolved', (SELECT count(*) FROM iss WHERE status = 'resolved'),
    'unresolved', (SELECT count(*) FROM iss WHERE status <> 'resolved'),
    'resolutionRate', (
      SELECT CASE WHEN count(*) = 0 THEN NULL
        ELSE (count(*) FILTER (WHERE status = 'resolved'))::float8 / count(*) END
      FROM iss
    ),
    'escalatedResolved', (
      SELECT count(*) FROM iss WHERE handling_level = 'pianqu' AND status = 'resolved'
    ),
    'escalatedOpen', (
      SELECT count(*) FROM iss WHERE handling_level = 'pianqu' AND status <> 'resolved'
    ),
    'byCategory', (
      SELECT json_agg(json_build_object(
        'category', c.category,
        'total', (SELECT count(*) FROM iss WHERE iss.category = c.category),
        'resolved', (SELECT count(*) FROM iss WHERE iss.category = c.category AND status = 'resolved')
      ) ORDER BY c.ord)
      FROM unnest($2::text[]) WITH ORDINALITY AS c(category, ord)
    ),
    'byStatus', (
      SELECT json_agg(json_build_object(
        'status', s.status,
        'count', (SELECT count(*) FROM iss WHERE iss.status = s.status)
      ) ORDER BY s.ord)
      FROM unnest($3::text[]) WITH ORDINALITY AS s(status, ord)
    ),
    'byHandlingLevel', (
      SELECT json_agg(json_build_object(
        'level', h.level,
        'count', (SELECT count(*) FROM iss WHERE iss.handling_level = h.level)
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
