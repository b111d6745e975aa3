-- name: byId
SELECT i.id, i.category, i.status, i.handling_level AS "handlingLevel", zone_tz() AS "timeZone",
       i.reported_at AS "reportedAt", i.resolved_at AS "resolvedAt",
       i.xiaoqu_code AS "xiaoquCode", x.name AS "xiaoquName",
       json_build_array(ST_X(i.geom), ST_Y(i.geom)) AS position
FROM issue i JOIN area x ON x.code = i.xiaoqu_code
WHERE i.id = $1

-- name: reporter
SELECT reporter_name AS name, reporter_phone AS phone FROM issue_reporter WHERE issue_id = $1
