-- name: areaExists
SELECT 1 FROM area WHERE code = $1
