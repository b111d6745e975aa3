-- Issue counts per grid cell ($1 = grid zoom) with no filter, what the default map and the big
-- screen ask for: one row per cell in issue_cell (migration 012), kept by the rollup's trigger.
-- Answers exactly as cells.sql with every filter null.
SELECT cx, cy, n AS count, unresolved
FROM issue_cell
WHERE zoom = $1::int AND n > 0
ORDER BY cy, cx
