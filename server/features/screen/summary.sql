-- Everything the big screen shows, in one statement (one snapshot with the latest event id,
-- see repository.ts). $1..$3 are the vocabulary lists (categories, handling levels), so every
-- key appears with zero where there is nothing. Months are local (+08:00, issue_month).
WITH
now_local AS (
  SELECT (now() AT TIME ZONE 'UTC') + interval '8 hours' AS t
),
iss AS (
  SELECT
    i.id, i.category, i.status, i.handling_level, i.xiaoqu_code,
    issue_month(i.reported_at) AS reported_month,
    issue_month(i.resolved_at) AS resolved_month
  FROM issue i
),
-- One pass over the issues for every total (FILTER), rather than a scan per figure.
totals AS (
  SELECT
    count(*) AS total,
    count(*) FILTER (WHERE status = 'resolved') AS resolved,
    count(*) FILTER (WHERE status = 'resolved'
      AND date_trunc('year', resolved_month) = date_trunc('year', (SELECT t FROM now_local))) AS resolved_this_year,
    count(*) FILTER (WHERE status <> 'resolved') AS open,
    count(*) FILTER (WHERE status <> 'resolved' AND handling_level = 'pianqu') AS escalated_open,
    min(reported_month) AS first_month
  FROM iss
),
months AS (
  SELECT m::date AS month
  FROM generate_series(
    coalesce((SELECT first_month FROM totals), date_trunc('month', (SELECT t FROM now_local))::date),
    date_trunc('month', (SELECT t FROM now_local))::date,
    interval '1 month'
  ) AS m
),
reported_by_month AS (
  SELECT reported_month AS month, count(*) AS n FROM iss GROUP BY reported_month
),
resolved_by_month AS (
  SELECT resolved_month AS month, count(*) AS n FROM iss
  WHERE resolved_month IS NOT NULL GROUP BY resolved_month
),
by_category AS (
  SELECT category, count(*) AS total,
    count(*) FILTER (WHERE status = 'resolved') AS resolved,
    count(*) FILTER (WHERE status <> 'resolved') AS open
  FROM iss GROUP BY category
),
by_level AS (
  SELECT handling_level AS level, count(*) AS total,
    count(*) FILTER (WHERE status = 'resolved') AS resolved,
    count(*) FILTER (WHERE status <> 'resolved') AS open
  FROM iss GROUP BY handling_level
),
-- Zone-wide visitors per hour of each month, then each month's busiest hour.
tourism_hours AS (
  SELECT month, hour, sum(visitors)::int AS visitors
  FROM tourism_pressure
  GROUP BY month, hour
),
tourism_peak AS (
  SELECT DISTINCT ON (month) month, hour, visitors
  FROM tourism_hours
  ORDER BY month, visitors DESC, hour
),
pianqu_issues AS (
  SELECT p.code, p.name,
    count(iss.id)::int AS total,
    count(iss.id) FILTER (WHERE iss.status = 'resolved')::int AS resolved
  FROM area p
  LEFT JOIN xiaoqu_lineage l ON l.pianqu_code = p.code
  LEFT JOIN iss ON iss.xiaoqu_code = l.xiaoqu_code
  WHERE p.level = 'pianqu'
  GROUP BY p.code, p.name
)
SELECT json_build_object(
  'at', to_char((SELECT t FROM now_local), 'YYYY-MM-DD"T"HH24:MI'),
  'kpis', json_build_object(
    'partyBranches', (SELECT count(*) FROM area WHERE level = 'xiaoqu' AND has_party_branch),
    'xiaoqu', (SELECT count(*) FROM area WHERE level = 'xiaoqu'),
    'workers', (SELECT coalesce(sum(count), 0) FROM worker_post),
    'sites', (SELECT count(*) FROM site),
    'staff', (SELECT count(*) FROM staff),
    'issuesTotal', (SELECT total FROM totals),
    'issuesResolved', (SELECT resolved FROM totals),
    'issuesResolvedThisYear', (SELECT resolved_this_year FROM totals),
    'issuesOpen', (SELECT open FROM totals),
    'issuesEscalatedOpen', (SELECT escalated_open FROM totals),
    'microActivities', (SELECT count(*) FROM activity WHERE scope = 'xiaoqu'),
    'pianquActivities', (SELECT count(*) FROM activity WHERE scope = 'pianqu'),
    'pianqu', (SELECT count(*) FROM area WHERE level = 'pianqu'),
    'shequ', (SELECT count(*) FROM area WHERE level = 'shequ'),
    'projectsCompleted', (SELECT count(*) FROM project WHERE status = 'completed'),
    'projectsClaimed', (SELECT count(*) FROM project)
  ),
  'issuesByMonth', (
    SELECT json_agg(json_build_object(
      'month', to_char(m.month, 'YYYY-MM'),
      'reported', coalesce(rep.n, 0),
      'resolved', coalesce(res.n, 0)
    ) ORDER BY m.month)
    FROM months m
    LEFT JOIN reported_by_month rep ON rep.month = m.month
    LEFT JOIN resolved_by_month res ON res.month = m.month
  ),
  'categories', (
    SELECT json_agg(json_build_object(
      'category', c.category,
      'total', coalesce(b.total, 0),
      'resolved', coalesce(b.resolved, 0),
      'open', coalesce(b.open, 0)
    ) ORDER BY c.ord)
    FROM unnest($1::text[]) WITH ORDINALITY AS c(category, ord)
    LEFT JOIN by_category b ON b.category = c.category
  ),
  'pianquByResolution', (
    SELECT json_agg(json_build_object(
      'code', code, 'name', name, 'total', total, 'resolved', resolved,
      'rate', CASE WHEN total = 0 THEN NULL ELSE resolved::float8 / total END
    ) ORDER BY (CASE WHEN total = 0 THEN NULL ELSE resolved::float8 / total END) DESC NULLS LAST, code)
    FROM pianqu_issues
  ),
  -- Handled at a level or above: every issue starts in its 小区; one handled by the 社区 or
  -- the 片区 was escalated there.
  'issuePath', (
    SELECT json_agg(json_build_object(
      'level', lv.level,
      'reached', (
        SELECT coalesce(sum(b.total), 0) FROM by_level b
        WHERE handling_level_rank(b.level) >= handling_level_rank(lv.level)
      ),
      'resolved', coalesce((SELECT b.resolved FROM by_level b WHERE b.level = lv.level), 0),
      'open', coalesce((SELECT b.open FROM by_level b WHERE b.level = lv.level), 0)
    ) ORDER BY lv.ord)
    FROM unnest($2::text[]) WITH ORDINALITY AS lv(level, ord)
  ),
  'tourism', json_build_object(
    'currentMonth', extract(month FROM (SELECT t FROM now_local))::int,
    'months', (
      SELECT coalesce(json_agg(json_build_object(
        'month', month, 'peakHourVisitors', visitors, 'peakHour', hour
      ) ORDER BY month), '[]'::json)
      FROM tourism_peak
    )
  )
) AS summary
