-- Recomputes the figures of every area (migration 012, area_figures) from the data as this
-- statement sees it, tagged with the versions seen in the same snapshot, and removes the
-- figures of older versions. One statement: it sees one snapshot, so the figures and their
-- versions always agree. Does nothing if the current versions' figures are already there
-- (another server refreshed first; the caller holds an advisory lock on PostgreSQL).
--
-- The sums are those area-stats.sql once made per request: an area's 小区 are those whose
-- chain of parents reaches it, and its subtree is itself plus every 社区 and 片区 on those
-- chains (an area with no 小区 under it is still in its own subtree). They are rolled up a
-- level at a time, 小区 → 社区 → 片区 → zone, each level summing the rows of the one below.
WITH v AS (
  SELECT area_figures_versions() AS versions
),
gone AS (
  DELETE FROM area_figures WHERE versions <> (SELECT versions FROM v)
),
-- What belongs to an area itself, whatever its level: 片区-scope activities and projects.
own AS (
  SELECT code, sum(pianqu_activities) AS pianqu_activities, sum(projects) AS projects,
         sum(projects_completed) AS projects_completed
  FROM (
    SELECT area_code AS code, count(*) AS pianqu_activities, 0 AS projects, 0 AS projects_completed
    FROM activity WHERE scope = 'pianqu' GROUP BY 1
    UNION ALL
    SELECT area_code, 0, count(*), count(*) FILTER (WHERE status = 'completed')
    FROM project GROUP BY 1
  ) AS o
  GROUP BY code
),
-- Each 小区's figures, each source table grouped once. The *_below columns sum what belongs
-- to the areas under an area (none under a 小区).
xiaoqu_f AS (
  SELECT
    x.code,
    x.parent_code AS parent,
    0::bigint AS pianqu_below,
    0::bigint AS shequ_below,
    1::bigint AS xiaoqu,
    x.has_party_branch::int::bigint AS party_branches,
    x.households::bigint AS households,
    x.population::bigint AS population,
    coalesce(si.n, 0) AS sites,
    coalesce(w.n, 0) AS workers,
    coalesce(st.n, 0) AS staff,
    coalesce(a.n, 0) AS micro_activities,
    coalesce(cr.points, 0) AS credit_points,
    coalesce(cr.participants, 0) AS credit_participants,
    0::numeric AS pianqu_activities_below,
    0::numeric AS projects_below,
    0::numeric AS projects_completed_below
  FROM area x
  LEFT JOIN (SELECT xiaoqu_code, count(*) AS n FROM site GROUP BY 1) AS si
    ON si.xiaoqu_code = x.code
  LEFT JOIN (SELECT xiaoqu_code, sum(count) AS n FROM worker_post GROUP BY 1) AS w
    ON w.xiaoqu_code = x.code
  LEFT JOIN (SELECT xiaoqu_code, count(*) AS n FROM staff GROUP BY 1) AS st
    ON st.xiaoqu_code = x.code
  LEFT JOIN (SELECT area_code, count(*) AS n FROM activity WHERE scope = 'xiaoqu' GROUP BY 1) AS a
    ON a.area_code = x.code
  LEFT JOIN (
    -- Credit participation is a monthly head count: the latest month with data.
    SELECT xiaoqu_code, sum(points) AS points,
           sum(participants) FILTER (WHERE month = (SELECT max(month) FROM credit_monthly)) AS participants
    FROM credit_monthly GROUP BY 1
  ) AS cr ON cr.xiaoqu_code = x.code
  WHERE x.level = 'xiaoqu' AND x.parent_code IS NOT NULL
),
-- The 社区 with 小区 under them.
shequ_f AS (
  SELECT
    s.code, s.parent_code AS parent, 0::bigint AS pianqu_below, 0::bigint AS shequ_below,
    sum(f.xiaoqu) AS xiaoqu, sum(f.party_branches) AS party_branches,
    sum(f.households) AS households, sum(f.population) AS population, sum(f.sites) AS sites,
    sum(f.workers) AS workers, sum(f.staff) AS staff, sum(f.micro_activities) AS micro_activities,
    sum(f.credit_points) AS credit_points, sum(f.credit_participants) AS credit_participants,
    coalesce(sum(o.pianqu_activities), 0) AS pianqu_activities_below,
    coalesce(sum(o.projects), 0) AS projects_below,
    coalesce(sum(o.projects_completed), 0) AS projects_completed_below
  FROM xiaoqu_f f
  JOIN area s ON s.code = f.parent
  LEFT JOIN own o ON o.code = f.code
  GROUP BY s.code, s.parent_code
),
-- The 片区 with 小区 under them: their 社区 rows summed, with what those 社区 own.
pianqu_f AS (
  SELECT
    p.code, p.parent_code AS parent, 0::bigint AS pianqu_below, count(*) AS shequ_below,
    sum(f.xiaoqu) AS xiaoqu, sum(f.party_branches) AS party_branches,
    sum(f.households) AS households, sum(f.population) AS population, sum(f.sites) AS sites,
    sum(f.workers) AS workers, sum(f.staff) AS staff, sum(f.micro_activities) AS micro_activities,
    sum(f.credit_points) AS credit_points, sum(f.credit_participants) AS credit_participants,
    sum(f.pianqu_activities_below + coalesce(o.pianqu_activities, 0)) AS pianqu_activities_below,
    sum(f.projects_below + coalesce(o.projects, 0)) AS projects_below,
    sum(f.projects_completed_below + coalesce(o.projects_completed, 0)) AS projects_completed_below
  FROM shequ_f f
  JOIN area p ON p.code = f.parent
  LEFT JOIN own o ON o.code = f.code
  GROUP BY p.code, p.parent_code
),
-- The zone: its 片区 rows summed.
zone_f AS (
  SELECT
    f.parent AS code, NULL::text AS parent, count(*) AS pianqu_below,
    sum(f.shequ_below) AS shequ_below,
    sum(f.xiaoqu) AS xiaoqu, sum(f.party_branches) AS party_branches,
    sum(f.households) AS households, sum(f.population) AS population, sum(f.sites) AS sites,
    sum(f.workers) AS workers, sum(f.staff) AS staff, sum(f.micro_activities) AS micro_activities,
    sum(f.credit_points) AS credit_points, sum(f.credit_participants) AS credit_participants,
    sum(f.pianqu_activities_below + coalesce(o.pianqu_activities, 0)) AS pianqu_activities_below,
    sum(f.projects_below + coalesce(o.projects, 0)) AS projects_below,
    sum(f.projects_completed_below + coalesce(o.projects_completed, 0)) AS projects_completed_below
  FROM pianqu_f f
  LEFT JOIN own o ON o.code = f.code
  WHERE f.parent IS NOT NULL
  GROUP BY f.parent
),
rolled AS (
  SELECT * FROM xiaoqu_f
  UNION ALL SELECT * FROM shequ_f
  UNION ALL SELECT * FROM pianqu_f
  UNION ALL SELECT * FROM zone_f
),
-- Staff per department, at each of the four levels above a staff member's 小区.
staff_departments AS (
  SELECT code, jsonb_object_agg(department, n) AS by_department
  FROM (
    SELECT c.code, st.department, count(*) AS n
    FROM staff st
    JOIN area x ON x.code = st.xiaoqu_code AND x.level = 'xiaoqu'
    LEFT JOIN area s ON s.code = x.parent_code
    LEFT JOIN area p ON p.code = s.parent_code
    CROSS JOIN LATERAL (VALUES (x.code), (s.code), (p.code), (p.parent_code)) AS c (code)
    WHERE c.code IS NOT NULL
    GROUP BY c.code, st.department
  ) AS d
  GROUP BY code
)
INSERT INTO area_figures
SELECT
  (SELECT versions FROM v),
  ar.code,
  (ar.level = 'pianqu')::int + coalesce(r.pianqu_below, 0),
  (ar.level = 'shequ')::int + coalesce(r.shequ_below, 0),
  coalesce(r.xiaoqu, 0),
  coalesce(r.party_branches, 0),
  coalesce(r.households, 0),
  coalesce(r.population, 0),
  coalesce(r.sites, 0),
  coalesce(r.workers, 0),
  coalesce(r.staff, 0),
  coalesce(sd.by_department, '{}'::jsonb),
  coalesce(r.micro_activities, 0),
  coalesce(o.pianqu_activities, 0) + coalesce(r.pianqu_activities_below, 0),
  coalesce(o.projects, 0) + coalesce(r.projects_below, 0),
  coalesce(o.projects_completed, 0) + coalesce(r.projects_completed_below, 0),
  coalesce(r.credit_points, 0),
  coalesce(r.credit_participants, 0)
FROM area ar
LEFT JOIN rolled r ON r.code = ar.code
LEFT JOIN staff_departments sd ON sd.code = ar.code
LEFT JOIN own o ON o.code = ar.code
WHERE NOT EXISTS (SELECT 1 FROM area_figures f WHERE f.versions = (SELECT versions FROM v))
