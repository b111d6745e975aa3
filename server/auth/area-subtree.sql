-- An area ($1) and everything below it, at any depth (an official may hold a 片区, 社区 or 小区).
WITH RECURSIVE down AS (
  SELECT code FROM area WHERE code = $1
  UNION
  SELECT a.code FROM area a JOIN down d ON a.parent_code = d.code
)
SELECT code FROM down
