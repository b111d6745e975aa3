-- Recomputes the figures of every area (migration 012, area_figures) from the data as this
-- statement sees it, tagged with the versions seen in the same snapshot, and removes the
-- figures of older versions. One statement: it sees one snapshot, so the figures and their
-- versions always agree. Does nothing if the current versions' figures are already there
-- (another server refreshed first; the caller holds an advisory lock on PostgreSQL).
--
-- The sums follow area-stats.sql's former per-request joins: an area's 小区 are those whose
-- chain of parents reaches it, and its subtree is itself plus every 社区 and 片区 on those
-- chains (an area with no 小区 under it is still in its own subtree).
WITH v AS (
  SELECT area_figures_versions() AS versions
),
gone AS (
  DELETE FROM area_figures WHERE versions <> (SELECT versions FROM v)
),
-- Each 小区's chain: itself (depth 0), its 社区 (1), 片区 (2) and zone (3).
chain AS (
  SELECT x.code AS xiaoqu, c.code, c.depth
  FROM area x
  LEFT JOIN area s ON s.code = x.parent_code
  LEFT JOIN area p ON p.code = s.parent_code
  CROSS JOIN LATERAL (
    VALUES (x.code, 0), (s.code, 1), (p.code, 2), (p.parent_code, 3)
  ) AS c (code, depth)
  WHERE x.level = 'xiaoqu' AND x.parent_code IS NOT NULL AND c.code IS NOT NULL
),
-- Everything counted per 小区, each table grouped once.
per_xiaoqu AS (
  SELECT
    x.code,
    x.households,
    x.population,
    x.has_party_branch::int AS party_branch,
    coalesce(si.n, 0) AS sites,
    coalesce(w.n, 0) AS workers,
    coalesce(st.n, 0) AS staff,
    coalesce(a.n, 0) AS micro_activities,
    coalesce(cr.points, 0) AS credit_points,
    coalesce(cr.participants, 0) AS credit_participants
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
under AS (
  SELECT
    c.code,
    count(*) AS xiaoqu,
    sum(f.party_branch) AS party_branches,
    sum(f.households) AS households,
    sum(f.population) AS population,
    sum(f.sites) AS sites,
    sum(f.workers) AS workers,
    sum(f.staff) AS staff,
    sum(f.micro_activities) AS micro_activities,
    sum(f.credit_points) AS credit_points,
    sum(f.credit_participants) AS credit_participants
  FROM chain c
  JOIN per_xiaoqu f ON f.code = c.xiaoqu
  GROUP BY c.code
),
staff_departments AS (
  SELECT code, jsonb_object_agg(department, n) AS by_department
  FROM (
    SELECT c.code, st.department, count(*) AS n
    FROM chain c
    JOIN staff st ON st.xiaoqu_code = c.xiaoqu
    GROUP BY c.code, st.department
  ) AS d
  GROUP BY code
),
-- Figures that belong to an area itself, whatever its level: 片区-scope activities, projects.
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
-- Each area's strict descendants that lie on a chain (have a 小区 under them, or are one).
below AS (
  SELECT DISTINCT a.code, d.code AS descendant, d.depth
  FROM chain a
  JOIN chain d ON d.xiaoqu = a.xiaoqu AND d.depth < a.depth
),
below_sums AS (
  SELECT
    b.code,
    count(*) FILTER (WHERE b.depth = 2) AS pianqu,
    count(*) FILTER (WHERE b.depth = 1) AS shequ,
    coalesce(sum(o.pianqu_activities), 0) AS pianqu_activities,
    coalesce(sum(o.projects), 0) AS projects,
    coalesce(sum(o.projects_completed), 0) AS projects_completed
  FROM below b
  LEFT JOIN own o ON o.code = b.descendant
  GROUP BY b.code
)
INSERT INTO area_figures
SELECT
  (SELECT versions FROM v),
  ar.code,
  (ar.level = 'pianqu')::int + coalesce(bs.pianqu, 0),
  (ar.level = 'shequ')::int + coalesce(bs.shequ, 0),
  coalesce(u.xiaoqu, 0),
  coalesce(u.party_branches, 0),
  coalesce(u.households, 0),
  coalesce(u.population, 0),
  coalesce(u.sites, 0),
  coalesce(u.workers, 0),
  coalesce(u.staff, 0),
  coalesce(sd.by_department, '{}'::jsonb),
  coalesce(u.micro_activities, 0),
  coalesce(o.pianqu_activities, 0) + coalesce(bs.pianqu_activities, 0),
  coalesce(o.projects, 0) + coalesce(bs.projects, 0),
  coalesce(o.projects_completed, 0) + coalesce(bs.projects_completed, 0),
  coalesce(u.credit_points, 0),
  coalesce(u.credit_participants, 0)
FROM area ar
LEFT JOIN under u ON u.code = ar.code
LEFT JOIN staff_departments sd ON sd.code = ar.code
LEFT JOIN own o ON o.code = ar.code
LEFT JOIN below_sums bs ON bs.code = ar.code
WHERE NOT EXISTS (SELECT 1 FROM area_figures f WHERE f.versions = (SELECT versions FROM v))
