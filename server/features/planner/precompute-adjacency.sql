-- Pairs of touching 社区 of version $1 and the boundary they share. Pairs touching at a
-- point only share no length and are no neighbours (a 片区 joined at a corner is not one
-- piece). The line is kept to draw 片区 outlines as "edges whose two sides differ".
INSERT INTO planner_adjacency (version_id, a, b, shared_m, geom)
SELECT $1::int, t.a, t.b, ST_Length(t.line::geography)::float8, t.line
FROM (
  SELECT a.code AS a, b.code AS b,
         ST_LineMerge(ST_CollectionExtract(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom)), 2)) AS line
  FROM planner_unit a
  JOIN planner_unit b
    ON b.version_id = a.version_id AND a.code < b.code AND a.geom && b.geom
   AND ST_Intersects(a.geom, b.geom)
  WHERE a.version_id = $1::int
) AS t
WHERE NOT ST_IsEmpty(t.line) AND ST_Length(t.line::geography) > 0
