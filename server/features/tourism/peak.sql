-- 平急转换: for every 小区, the tourist pressure around it at month $1 and hour $2 (visitors
-- per hour in the hexagon cells its polygon touches), whether that passes the threshold $3
-- (peak mode, 旺季模式), and the staff posted there who are on duty at local time $4.
WITH pressure AS (
  SELECT x.code, coalesce(sum(p.visitors), 0)::int AS visitors
  FROM area x
  LEFT JOIN tourism_cell c ON ST_Intersects(c.geom, x.geom)
  LEFT JOIN tourism_pressure p ON p.cell_id = c.cell_id AND p.month = $1::int AND p.hour = $2::int
  WHERE x.level = 'xiaoqu'
  GROUP BY x.code
)
SELECT
  x.code,
  x.name,
  x.compound_type AS "compoundType",
  pr.visitors,
  pr.visitors >= $3::int AS "peakMode",
  (SELECT count(*)::int FROM staff s WHERE s.xiaoqu_code = x.code AND /*ON_DUTY*/ true) AS "staffOnDuty",
  json_build_array(ST_X(x.label_point), ST_Y(x.label_point)) AS position
FROM area x
JOIN pressure pr ON pr.code = x.code
ORDER BY pr.visitors DESC, x.code
