-- 片区 by the share of their historical legacy problems (历史遗留问题, issue_tag 'legacy') that
-- are resolved, best first. Read only where migration 005's issue_tag exists.
WITH legacy AS (
  SELECT l.pianqu_code, i.status
  FROM issue_tag t
  JOIN issue i ON i.id = t.issue_id
  JOIN xiaoqu_lineage l ON l.xiaoqu_code = i.xiaoqu_code
  WHERE t.tag = 'legacy'
),
ranked AS (
  SELECT p.code, p.name,
    count(legacy.status)::int AS total,
    count(legacy.status) FILTER (WHERE legacy.status = 'resolved')::int AS resolved
  FROM area p
  LEFT JOIN legacy ON legacy.pianqu_code = p.code
  WHERE p.level = 'pianqu'
  GROUP BY p.code, p.name
)
SELECT code, name, total, resolved,
  CASE WHEN total = 0 THEN NULL ELSE resolved::float8 / total END AS rate
FROM ranked
ORDER BY rate DESC NULLS LAST, code
