-- The coordinate-system check of staged points (checks.ts, checkPointCrs).

-- name: pointReference
-- What the points are tested against: the 小区 when there are any, else the zone (城区).
SELECT CASE WHEN EXISTS (SELECT 1 FROM area WHERE level = 'xiaoqu') THEN 'xiaoqu'
            WHEN EXISTS (SELECT 1 FROM area WHERE level = 'chengqu') THEN 'chengqu' END AS level

-- name: pointShares
-- For each system ($1), the share of the points ($2, $3, read in it) in or within 50 m of an
-- area of level $4.
SELECT u.crs, avg((EXISTS (
    SELECT 1 FROM area a WHERE a.level = $4
      AND ST_DWithin(a.geom, ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326), 0.0005)))::int)::float8 AS share
FROM unnest($1::text[], $2::float8[], $3::float8[]) AS u(crs, lon, lat)
GROUP BY u.crs
