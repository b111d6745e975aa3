-- Issues escalated to a 片区 (提级协调), counted per 小区, with the 小区 and the 片区's
-- coordination point (its label point) for the arc. Filters $1..$6 as issue_matches.
SELECT
  l.xiaoqu_code AS "xiaoquCode",
  x.name AS "xiaoquName",
  l.pianqu_code AS "pianquCode",
  p.name AS "pianquName",
  json_build_array(ST_X(x.label_point), ST_Y(x.label_point)) AS source,
  json_build_array(ST_X(p.label_point), ST_Y(p.label_point)) AS target,
  count(*)::int AS count
FROM issue i
-- The data set's clock, read once for every issue's local months.
CROSS JOIN (SELECT zone_tz() AS tz) z
JOIN xiaoqu_lineage l ON l.xiaoqu_code = i.xiaoqu_code
JOIN area x ON x.code = l.xiaoqu_code
JOIN area p ON p.code = l.pianqu_code
WHERE i.handling_level = 'pianqu'
  AND issue_matches(i.category, i.status, i.handling_level, local_month(i.reported_at, z.tz),
                    coalesce(local_month(i.resolved_at, z.tz), 'infinity'::date),
                    $1::text[], $2::text[], $3::text[], $4::date, $5::date, $6::date)
GROUP BY l.xiaoqu_code, x.name, l.pianqu_code, p.name, x.label_point, p.label_point
ORDER BY count DESC, l.xiaoqu_code
