-- The staff posted in the subtree of area $1. For the duty view the marker comment in the
-- select list becomes the on-duty test at $2 (on-duty.sql): both views read the same rows.
WITH RECURSIVE sub AS (
  SELECT code FROM area WHERE code = $1
  UNION ALL SELECT a.code FROM area a JOIN sub ON a.parent_code = sub.code
)
SELECT s.code, s.department, s.xiaoqu_code AS "xiaoquCode", x.name AS "xiaoquName",
       s.duty_schedule AS "dutySchedule", /*ON_DUTY*/
       json_build_array(ST_X(x.label_point), ST_Y(x.label_point)) AS position
FROM staff s JOIN sub ON sub.code = s.xiaoqu_code JOIN area x ON x.code = s.xiaoqu_code
ORDER BY s.code
