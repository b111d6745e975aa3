-- Issue counts per grid cell ($1 = grid zoom) with no filter, what the default map and the big
-- screen ask for: one row per cell in issue_cell (migration 012), kept by the rollup's trigger.
-- Within the cell index ranges cx $2..$3, cy $4..$5 (inclusive; null: unbounded), as cells.sql.
-- Answers exactly as cells.sql with every filter null.
SELECT cx, cy, n AS count, unresolved
FROM issue_cell
WHERE zoom = $1::int
  AND cx BETWEEN coalesce($2::int, -2147483648) AND coalesce($3::int, 2147483647)
  AND cy BETWEEN coalesce($4::int, -2147483648) AND coalesce($5::int, 2147483647)
  AND n > 0
ORDER BY cy, cx
