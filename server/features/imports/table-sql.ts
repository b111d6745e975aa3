/**
 * The import's statements that cannot be fixed ones, and so the one module of the import that
 * writes SQL in code (eslint.config.js lists it): those over a records kind's stage and table,
 * generated from its description in record-tables.ts, and a restore's, whose table and column
 * list are read at run time. Identifiers go through pg.escapeIdentifier; the types and the
 * fill expressions are record-tables.ts' constants, never a file's text. Every value is a
 * parameter.
 */
import pg from 'pg';
import type { RecordTable } from './record-tables.ts';

const id = (name: string) => pg.escapeIdentifier(name);

function buildRecordSql(t: RecordTable) {
  const table = id(t.table);
  const prev = id(`import_prev_${t.table}`);
  const k = id(t.key);
  const stageNames = ['row', ...t.stage.map((s) => s.name)].map(id);
  const stageCols = t.stage.map((s) => `${id(s.name)} ${s.cast}`).join(', ');
  const unnest = ['$1::int[]', ...t.stage.map((s, i) => `$${i + 2}::${s.cast}[]`)].join(', ');
  const names = t.columns.map(([n]) => id(n));
  const updates = t.columns
    .filter(([n]) => n !== t.key)
    .map(([n]) => `${id(n)} = EXCLUDED.${id(n)}`)
    .join(', ');
  return {
    createStage: `CREATE TEMP TABLE import_stage (row int NOT NULL, ${stageCols}, geom geometry(Point, 4326),
       near_m float8, bad boolean NOT NULL DEFAULT false) ON COMMIT DROP`,
    /** $1 the row numbers, then one array per staged column. */
    insertStage: `INSERT INTO import_stage (${stageNames.join(', ')}${t.hasPoint ? ', geom' : ''})
     SELECT ${stageNames.map((n) => `u.${n}`).join(', ')}${t.hasPoint ? ', ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326)' : ''}
     FROM unnest(${unnest}) AS u(${stageNames.join(', ')})`,
    indexStage: `CREATE INDEX ON import_stage (${k})`,

    // The checks whose rows name the record by its key (record-checks.ts).
    duplicate: `WITH firsts AS (SELECT ${k} AS key, min(row) AS first FROM import_stage GROUP BY ${k} HAVING count(*) > 1)
     UPDATE import_stage s SET bad = true FROM firsts f
     WHERE s.${k} = f.key AND s.row > f.first
     RETURNING s.row, s.${k}::text AS code, f.first`,
    xiaoquUnknown: `UPDATE import_stage s SET bad = true
     WHERE s.xiaoqu_code IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM area a WHERE a.code = s.xiaoqu_code AND a.level = 'xiaoqu')
     RETURNING s.row, s.${k}::text AS code, s.xiaoqu_code`,
    /** $1: whether the land layer is loaded, to tell a point in the sea. */
    outsideZone: `UPDATE import_stage s SET bad = true
     WHERE NOT EXISTS (SELECT 1 FROM import_zone z WHERE ST_Intersects(z.geom, s.geom))
     RETURNING s.row, s.${k}::text AS code, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat,
       ($1::boolean AND NOT EXISTS (
         SELECT 1 FROM basemap_feature b WHERE b.layer = 'land' AND ST_Intersects(b.geom, s.geom))) AS in_sea`,
    nearestXiaoqu: `SELECT s.row, s.${k}::text AS code, s.xiaoqu_code, s.near_m, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat
     FROM import_stage s WHERE s.xiaoqu_code IS NOT NULL AND s.near_m IS NOT NULL`,
    outsideXiaoqu: `UPDATE import_stage s SET bad = true
     WHERE s.xiaoqu_code IS NULL AND NOT s.bad
     RETURNING s.row, s.${k}::text AS code, s.near_m, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat`,

    // The merge (records.ts); $1 is the import.
    keepReplaced: `INSERT INTO ${prev} SELECT $1, t.* FROM ${table} t JOIN import_stage s ON s.${k} = t.${k}`,
    recordKeys: `INSERT INTO import_key (import_id, key, inserted)
     SELECT $1, s.${k}::text, NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.${k} = s.${k}) FROM import_stage s`,
    keepDeleted: `INSERT INTO ${prev} SELECT $1, t.* FROM ${table} t
     WHERE NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.${k} = t.${k})`,
    deleteMissing: `WITH d AS (DELETE FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.${k} = t.${k}) RETURNING 1)
     SELECT count(*)::int AS n FROM d`,
    upsert: `INSERT INTO ${table} (${names.join(', ')})
     SELECT ${t.columns.map(([, e]) => e).join(', ')} FROM import_stage s
     ON CONFLICT (${k}) DO UPDATE SET ${updates}`,
  };
}

export type RecordSql = ReturnType<typeof buildRecordSql>;
const built = new Map<RecordTable, RecordSql>();

/** The statements of one records kind, built once. */
export function recordSql(t: RecordTable): RecordSql {
  let sql = built.get(t);
  if (!sql) built.set(t, (sql = buildRecordSql(t)));
  return sql;
}

/**
 * A restore's statements for `table` (key `key`, of type `keyCast`) with its `columns` as the
 * database lists them; $1 is the import restored.
 */
export function restoreSql(table: string, key: string, keyCast: 'int' | 'text', columns: string[]) {
  const t = id(table);
  const prev = id(`import_prev_${table}`);
  const k = id(key);
  const all = columns.map(id);
  const rest = columns.filter((c) => c !== key).map(id);
  // Areas come back parents first, for the foreign key to their parent.
  const order =
    table === 'area' ? "array_position(ARRAY['chengqu','pianqu','shequ','xiaoqu'], p.level)" : '1';
  return {
    deleteInserted: `DELETE FROM ${t} WHERE ${k} IN (SELECT key::${keyCast} FROM import_key WHERE import_id = $1 AND inserted)`,
    putBackChanged: `UPDATE ${t} t SET (${rest.join(', ')}) = (${rest.map((c) => `p.${c}`).join(', ')})
     FROM ${prev} p WHERE p.import_id = $1 AND t.${k} = p.${k}`,
    putBackDeleted: `INSERT INTO ${t} (${all.join(', ')})
     SELECT ${all.map((c) => `p.${c}`).join(', ')} FROM ${prev} p
     WHERE p.import_id = $1 AND NOT EXISTS (SELECT 1 FROM ${t} t WHERE t.${k} = p.${k})
     ORDER BY ${order}`,
  };
}
