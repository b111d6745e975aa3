-- name: firstDataMonth
-- The first month with an issue: where an open window's charts begin.
SELECT to_char(issue_month(min(reported_at)), 'YYYY-MM') AS m FROM issue

-- name: areasByCode
SELECT code, name, level FROM area WHERE code = ANY ($1::text[])

-- name: areaExists
SELECT 1 FROM area WHERE code = $1

-- name: childrenOf
SELECT code, name, level FROM area WHERE parent_code = $1 ORDER BY code
