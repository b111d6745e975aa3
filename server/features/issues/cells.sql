-- Issue counts per grid cell from the rollup ($1 = grid zoom), filtered like the map
-- ($2..$7, see issue_matches). Reads no issue rows, whatever their number.
SELECT
  cx,
  cy,
  sum(n)::int AS count,
  coalesce(sum(n) FILTER (WHERE issue_status_at(status, resolved_month, $7::date) <> 'resolved'), 0)::int AS unresolved
FROM issue_rollup
WHERE zoom = $1::int
  AND issue_matches(category, status, handling_level, reported_month, resolved_month,
                    $2::text[], $3::text[], $4::text[], $5::date, $6::date, $7::date)
GROUP BY cx, cy
HAVING sum(n) > 0
ORDER BY cy, cx
