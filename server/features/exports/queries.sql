-- name: areasOfLevel
-- The areas of one level ($1), their parent and its name, by code.
SELECT a.code, a.name, a.level, a.parent_code AS "parentCode", p.name AS "parentName"
FROM area a
LEFT JOIN area p ON p.code = a.parent_code
WHERE a.level = $1::text
ORDER BY a.code

-- name: boundaries
-- The full-detail outline of each area of one level ($1) as a GeoJSON MultiPolygon: exterior
-- rings counter-clockwise (RFC 7946), 7 decimals (about a centimetre).
SELECT
  a.code,
  ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Multi(a.geom)), 7)::json AS geometry
FROM area a
WHERE a.level = $1::text
ORDER BY a.code

-- name: sites
-- The 邻里之家 with their 小区, as points in WGS84.
SELECT s.code, s.name, s.xiaoqu_code AS "xiaoquCode", x.name AS "xiaoquName",
       s.room_kind AS "roomKind", array_to_string(s.services, '、') AS services,
       s.opening_hours AS "openingHours", s.floor_area_m2 AS "floorAreaM2",
       ST_X(s.geom)::float8 AS lon, ST_Y(s.geom)::float8 AS lat
FROM site s
JOIN area x ON x.code = s.xiaoqu_code
ORDER BY s.code
