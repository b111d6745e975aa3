-- Issue counts per grid cell from the rollup ($1 = grid zoom), filtered like the map
-- ($2..$7, see issue_matches), within the cell index ranges cx $8..$9, cy $10..$11 (inclusive;
-- null: unbounded). Reads no issue rows, whatever their number; the ranges keep a view of a
-- city to the rollup rows of its own cells (cx leads the primary key after zoom).
SELECT
  cx,
  cy,
  sum(n)::int AS count,
  coalesce(sum(n) FILTER (WHERE issue_status_at(status, resolved_month, $7::date) <> 'resolved'), 0)::int AS unresolved
FROM issue_rollup
WHERE zoom = $1::int
  -- The bounds as constants when null, not `$8 IS NULL OR …`, so the index takes them either way.
  AND cx BETWEEN coalesce($8::int, -2147483648) AND coalesce($9::int, 2147483647)
  AND cy BETWEEN coalesce($10::int, -2147483648) AND coalesce($11::int, 2147483647)
  AND issue_matches(category, status, handling_level, reported_month, resolved_month,
                    $2::text[], $3::text[], $4::text[], $5::date, $6::date, $7::date)
GROUP BY cx, cy
HAVING sum(n) > 0
ORDER BY cy, cx
