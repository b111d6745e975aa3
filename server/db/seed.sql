-- The demo load's statements beside its table-by-table inserts (seed.ts).

-- name: sumUpperLevels
-- Households and population of the upper levels are the sums of their 小区; an area whose
-- 小区 carry no figures keeps its own.
UPDATE area a SET households = s.households, population = s.population
FROM (
  SELECT l.code, sum(x.households)::int AS households, sum(x.population)::int AS population
  FROM area x
  JOIN xiaoqu_lineage xl ON xl.xiaoqu_code = x.code
  CROSS JOIN LATERAL (VALUES (xl.shequ_code), (xl.pianqu_code), (xl.chengqu_code)) AS l(code)
  GROUP BY l.code
) AS s
WHERE a.code = s.code AND s.households IS NOT NULL

-- name: currentDataset
SELECT source, version FROM dataset

-- name: startDemo
-- The clock first ($3, the data set's time zone): the rollup's triggers read local months
-- through it.
INSERT INTO dataset (id, source, version, name, time_zone) VALUES (true, 'demo', $1, $2, $3)
ON CONFLICT (id) DO UPDATE SET source = 'demo', version = $1, name = $2, time_zone = $3,
  loaded_at = now()

-- name: touchDataset
-- Written last: the data.reloaded event (migration 006) comes from this write.
UPDATE dataset SET loaded_at = now()
