-- Applying a scenario: a new boundary version, the 片区 of `area` rebuilt from their 社区,
-- the history table closed and opened. $assignment parameters are the scenario's
-- 社区 → 片区 as JSON text.

-- name: pianquNow
SELECT code, name, parent_code FROM area WHERE level = 'pianqu' ORDER BY code

-- name: insertAppliedVersion
INSERT INTO boundary_version (effective_from, note, created_by, scenario_id, dataset_loaded_at)
VALUES ($1, $2, $3, $4, (SELECT loaded_at FROM dataset)) RETURNING id

-- name: createPianqu
-- A new 片区 $1 under zone $2 named $3, shaped by the 社区 assignment $4 gives it.
INSERT INTO area (code, level, parent_code, name, geom, label_point)
SELECT $1, 'pianqu', $2, $3, ST_Multi(ST_Union(s.geom)), ST_PointOnSurface(ST_Union(s.geom))
FROM area s JOIN json_each_text($4::json) a ON a.key = s.code
WHERE s.level = 'shequ' AND a.value = $1

-- name: moveShequ
UPDATE area s SET parent_code = a.value
FROM json_each_text($1::json) a
WHERE s.code = a.key AND s.level = 'shequ' AND s.parent_code IS DISTINCT FROM a.value
RETURNING s.code

-- name: renamePianqu
UPDATE area SET name = $2 WHERE code = $1

-- name: reshapePianqu
-- Every 片区's shape, label point and sums from its members: one union per 片区.
UPDATE area p SET
  geom = m.geom, label_point = ST_PointOnSurface(m.geom),
  households = m.households, population = m.population
FROM (
  SELECT s.parent_code AS code,
         ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(s.geom)), 3)) AS geom,
         sum(s.households)::int AS households, sum(s.population)::int AS population
  FROM area s WHERE s.level = 'shequ' GROUP BY s.parent_code
) m
WHERE p.code = m.code AND p.level = 'pianqu'

-- name: areaReferences
-- Every column with a foreign key to area, but the 社区's parent link and those deleted with
-- their area (ON DELETE CASCADE): the records a dissolved 片区 hands to its successor.
SELECT n.nspname::text AS schema, t.relname::text AS tbl, a.attname::text AS col
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
WHERE c.contype = 'f' AND c.confrelid = 'area'::regclass
  AND NOT (c.conrelid = 'area'::regclass AND a.attname = 'parent_code')
  AND c.confdeltype <> 'c'
ORDER BY c.conrelid::regclass::text, 3

-- name: successorOf
-- The 片区 that takes most of dissolved 片区 $1's residents under assignment $2.
SELECT a.value AS code
FROM shequ_assignment h
JOIN json_each_text($2::json) a ON a.key = h.shequ_code
JOIN area s ON s.code = h.shequ_code
WHERE h.pianqu_code = $1 AND h.valid_to IS NULL
GROUP BY a.value ORDER BY sum(s.population) DESC NULLS LAST, a.value LIMIT 1

-- name: previousVersionId
SELECT max(id) AS id FROM boundary_version WHERE id < $1

-- name: setSuccessor
UPDATE pianqu_version SET successor_code = $3 WHERE version_id = $1 AND code = $2

-- name: deletePianqu
DELETE FROM area WHERE code = $1 AND level = 'pianqu'

-- name: closeMovedAssignments
-- History: close the rows of the 社区 that moved...
UPDATE shequ_assignment h SET valid_to = $2::date
FROM json_each_text($1::json) a
WHERE h.shequ_code = a.key AND h.valid_to IS NULL AND h.pianqu_code <> a.value

-- name: openMovedAssignments
-- ...and open their new ones.
INSERT INTO shequ_assignment (shequ_code, pianqu_code, valid_from, version_id)
SELECT a.key, a.value, $2::date, $3
FROM json_each_text($1::json) a
WHERE NOT EXISTS (SELECT 1 FROM shequ_assignment h
                  WHERE h.shequ_code = a.key AND h.valid_to IS NULL)
