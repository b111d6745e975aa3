-- Each 社区's stretch of the zone's outer edge (no neighbour across): its boundary minus the
-- lines it shares, for drawing; and its length as perimeter − Σ shared lengths, so that
-- perimeter = Σ shared + zone edge holds exactly, as metrics.ts assumes (a boundary
-- difference measured on its own would differ from that by rounding).
UPDATE planner_unit u SET
  zone_edge_m = greatest(u.perimeter_m - coalesce(s.shared_m, 0), 0),
  zone_edge = CASE WHEN s.lines IS NULL THEN ST_Boundary(u.geom)
                   ELSE ST_CollectionExtract(ST_Difference(ST_Boundary(u.geom), s.lines), 2) END
FROM planner_unit u2
LEFT JOIN LATERAL (
  SELECT sum(j.shared_m)::float8 AS shared_m, ST_Union(j.geom) AS lines
  FROM planner_adjacency j
  WHERE j.version_id = u2.version_id AND (j.a = u2.code OR j.b = u2.code)
) s ON true
WHERE u.version_id = $1::int AND u2.version_id = u.version_id AND u2.code = u.code
