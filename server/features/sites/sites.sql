SELECT s.code, s.name, s.xiaoqu_code AS "xiaoquCode", x.name AS "xiaoquName",
       s.room_kind AS "roomKind", to_json(s.services) AS services,
       s.opening_hours AS "openingHours", s.floor_area_m2 AS "floorAreaM2",
       json_build_array(ST_X(s.geom), ST_Y(s.geom)) AS position
FROM site s JOIN area x ON x.code = s.xiaoqu_code
ORDER BY s.code
