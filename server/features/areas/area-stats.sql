-- Statistics of one area ($1): everything summed over the 小区 of its subtree, so that the
-- same query answers for the zone, a 片区, a 社区 or a single 小区, and re-aggregates when a
-- scenario moves a 社区. The figures that do not depend on issues are read from area_figures
-- (migration 012), precomputed per area for the current data versions: `fresh` is false when
-- no figures of those versions exist (checked in this statement's snapshot), and the caller
-- then refreshes them (area-figures-refresh.sql) and asks again. $2..$5 are the vocabulary
-- lists, so every category, status, department and handling level appears, with zero where
-- there is nothing. $6..$11 are the map's issue filters (issue_matches): the issue figures
-- follow them, with each issue's status as it was at month $11 when the slider replays the
-- past.
--
-- Written for a city of a million issues: the 小区 of the subtree (for its issues) are found
-- through the parent index level by level (a recursive walk looked like two rows to the
-- planner and drew nested loops), the zone's issues come from the rollup, and the issues are
-- grouped once into at most 7 × 4 × 3 rows that every issue figure below sums.
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
-- The versions of the layers the figures depend on, read once in this statement's snapshot.
current_versions AS (
  SELECT area_figures_versions() AS versions
),
-- This area's figures, if those of the current versions exist.
figures AS (
  SELECT f.*
  FROM area_figures f
  WHERE f.versions = (SELECT versions FROM current_versions) AND f.code = $1::text
)
SELECT
  -- Current if this area's figures of the current versions exist; a code that is no area has
  -- none to compute, and its figures are zero as before.
  EXISTS (SELECT 1 FROM figures) OR NOT EXISTS (SELECT 1 FROM target) AS fresh,
  json_build_object(
  'pianqu', coalesce((SELECT pianqu FROM figures), 0),
  'shequ', coalesce((SELECT shequ FROM figures), 0),
  'xiaoqu', coalesce((SELECT xiaoqu FROM figures), 0),
  'partyBranches', coalesce((SELECT party_branches FROM figures), 0),
  'households', coalesce((SELECT households FROM figures), 0),
  'population', coalesce((SELECT population FROM figures), 0),
  'sites', coalesce((SELECT sites FROM figures), 0),
  'workers', coalesce((SELECT workers FROM figures), 0),
  'staff', coalesce((SELECT staff FROM figures), 0),
  'staffByDepartment', (
    SELECT json_agg(json_build_object(
      'department', d.department,
      'count', coalesce(((SELECT staff_by_department FROM figures) ->> d.department)::int, 0)
    ) ORDER BY d.ord)
    FROM unnest($4::text[]) WITH ORDINALITY AS d(department, ord)
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
  'microActivities', coalesce((SELECT micro_activities FROM figures), 0),
  'pianquActivities', coalesce((SELECT pianqu_activities FROM figures), 0),
  'projects', coalesce((SELECT projects FROM figures), 0),
  'projectsCompleted', coalesce((SELECT projects_completed FROM figures), 0),
  'creditPoints', coalesce((SELECT credit_points FROM figures), 0),
  'creditParticipants', coalesce((SELECT credit_participants FROM figures), 0)
) AS stats
