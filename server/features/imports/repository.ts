/**
 * Import history, restore and saved sources. A restore puts a table back as it was before one
 * import: rows it inserted are deleted, rows it changed or deleted come back from
 * import_prev_*. Imports are restored newest first, so each restore meets the data exactly as
 * its import left it.
 */
import type {
  ColumnMapping,
  CoordinateSystem,
  ImportKind,
  ImportMode,
  ImportRun,
  ImportSource,
} from '../../contract/index.ts';
import type { Db, Queryable, Tx } from '../../db/db.ts';
import { audit } from '../../auth/repository.ts';
import { sumUpperLevels } from '../../db/seed.ts';
import { rebuildSearchIndex } from '../search/search-index.ts';
import { RECORD_TABLES } from './record-tables.ts';
import { lockForTransaction } from '../../db/locks.ts';

/**
 * Issue imports and restores of more rows than this run with the per-row triggers off and
 * rebuild the rollup once.
 */
export const BULK_ROWS = 20000;

export class RestoreRefused extends Error {
  constructor(
    readonly statusCode: 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

const TABLE: Record<ImportKind, { table: string; key: string; keyCast: string }> = {
  boundaries: { table: 'area', key: 'code', keyCast: 'text' },
  ...(Object.fromEntries(
    Object.entries(RECORD_TABLES).map(([k, t]) => [
      k,
      { table: t.table, key: t.key, keyCast: t.keyCast },
    ]),
  ) as Record<Exclude<ImportKind, 'boundaries'>, { table: string; key: string; keyCast: string }>),
};

/**
 * What every import and restore refreshes in the same transaction: the rollup after a bulk
 * load, the sums and search index after areas change, and the dataset row, whose update tells
 * every screen to refetch (one `data.reloaded` event), makes the planner precompute a fresh
 * boundary version, and marks the data as no longer the pristine demo (never re-seeded).
 */
export async function refreshAfterImport(tx: Tx, kind: ImportKind, bulk: boolean): Promise<void> {
  if (bulk) {
    await tx.query('ALTER TABLE issue ENABLE TRIGGER USER');
    await tx.query('SELECT issue_rollup_rebuild()');
    await tx.query(
      "UPDATE data_version SET version = version + 1, changed_at = now() WHERE layer = 'issues'",
    );
  }
  if (kind === 'boundaries') {
    await sumUpperLevels(tx);
  }
  if (kind === 'boundaries' || kind === 'sites') await rebuildSearchIndex(tx);
  await tx.query(
    `INSERT INTO dataset (id, source, version) VALUES (true, 'import', 'import')
     ON CONFLICT (id) DO UPDATE SET loaded_at = now(),
       source = CASE WHEN dataset.source LIKE '%import' THEN dataset.source ELSE dataset.source || '+import' END`,
  );
}

interface RunRow {
  id: number;
  kind: ImportKind;
  level: string | null;
  file_name: string;
  source: string | null;
  mode: ImportMode;
  inserted: number;
  updated: number;
  deleted: number;
  status: 'applied' | 'restored';
  restorable: boolean;
  created_by: string;
  created_at: string;
  restored_at: string | null;
}

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const RUN_COLUMNS = `r.id, r.kind, r.level, r.file_name, r.source, r.mode, r.inserted, r.updated, r.deleted,
  r.status, (r.status = 'applied' AND r.id = (SELECT max(id) FROM import_run WHERE status = 'applied')) AS restorable,
  r.created_by, ${ISO('r.created_at')} AS created_at, ${ISO('r.restored_at')} AS restored_at`;

const toRun = (r: RunRow): ImportRun => ({
  id: r.id,
  kind: r.kind,
  level: r.level,
  fileName: r.file_name,
  source: r.source,
  mode: r.mode,
  inserted: r.inserted,
  updated: r.updated,
  deleted: r.deleted,
  status: r.status,
  restorable: r.restorable,
  createdBy: r.created_by,
  createdAt: r.created_at,
  restoredAt: r.restored_at,
});

export function importsRepository(db: Db) {
  return {
    async source(name: string, kind: ImportKind): Promise<ImportSource | null> {
      const [r] = await db.query<{
        name: string;
        kind: ImportKind;
        mapping: ColumnMapping;
        crs: CoordinateSystem;
        encoding: string;
        level: string | null;
        updated_at: string;
      }>(
        `SELECT name, kind, mapping, crs, encoding, level, ${ISO('updated_at')} AS updated_at
         FROM import_source WHERE name = $1 AND kind = $2`,
        [name, kind],
      );
      return r
        ? {
            name: r.name,
            kind: r.kind,
            mapping: r.mapping,
            crs: r.crs,
            encoding: r.encoding,
            level: r.level,
            updatedAt: r.updated_at,
          }
        : null;
    },

    async sources(): Promise<ImportSource[]> {
      const rows = await db.query<{
        name: string;
        kind: ImportKind;
        mapping: ColumnMapping;
        crs: CoordinateSystem;
        encoding: string;
        level: string | null;
        updated_at: string;
      }>(
        `SELECT name, kind, mapping, crs, encoding, level, ${ISO('updated_at')} AS updated_at
         FROM import_source ORDER BY updated_at DESC, name`,
      );
      return rows.map((r) => ({
        name: r.name,
        kind: r.kind,
        mapping: r.mapping,
        crs: r.crs,
        encoding: r.encoding,
        level: r.level,
        updatedAt: r.updated_at,
      }));
    },

    async saveSource(
      q: Queryable,
      s: {
        name: string;
        kind: ImportKind;
        mapping: ColumnMapping;
        crs: CoordinateSystem;
        encoding: string;
        level: string | null;
      },
    ) {
      await q.query(
        `INSERT INTO import_source (name, kind, mapping, crs, encoding, level) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (name, kind) DO UPDATE SET mapping = $3, crs = $4, encoding = $5, level = $6, updated_at = now()`,
        [s.name, s.kind, JSON.stringify(s.mapping), s.crs, s.encoding, s.level],
      );
    },

    async createRun(
      q: Queryable,
      r: {
        kind: ImportKind;
        level: string | null;
        fileName: string;
        source: string | null;
        mode: ImportMode;
        settings: unknown;
        actor: string;
      },
    ): Promise<number> {
      const [row] = await q.query<{ id: number }>(
        `INSERT INTO import_run (kind, level, file_name, source, mode, settings, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [r.kind, r.level, r.fileName, r.source, r.mode, JSON.stringify(r.settings), r.actor],
      );
      return row!.id;
    },

    async finishRun(
      q: Queryable,
      id: number,
      c: { inserted: number; updated: number; deleted: number },
    ) {
      await q.query(
        'UPDATE import_run SET inserted = $2, updated = $3, deleted = $4 WHERE id = $1',
        [id, c.inserted, c.updated, c.deleted],
      );
    },

    async dataVersions(q: Queryable): Promise<Record<string, number>> {
      const rows = await q.query<{ layer: string; version: number }>(
        'SELECT layer, version::int AS version FROM data_version ORDER BY layer',
      );
      return Object.fromEntries(rows.map((r) => [r.layer, r.version]));
    },

    async runs(limit = 100): Promise<ImportRun[]> {
      const rows = await db.query<RunRow>(
        `SELECT ${RUN_COLUMNS} FROM import_run r ORDER BY r.id DESC LIMIT $1`,
        [limit],
      );
      return rows.map(toRun);
    },

    async run(id: number): Promise<ImportRun | null> {
      const [r] = await db.query<RunRow>(
        `SELECT ${RUN_COLUMNS} FROM import_run r WHERE r.id = $1`,
        [id],
      );
      return r ? toRun(r) : null;
    },

    /** Puts the data back as it was before import `id` (the newest still applied). */
    async restore(id: number, actor: string): Promise<ImportRun> {
      await db.transaction(async (tx) => {
        await lockForTransaction(tx, db.backend, 'imports');
        const [run] = await tx.query<{
          kind: ImportKind;
          status: string;
          latest: number | null;
          keys: number;
        }>(
          `SELECT kind, status, (SELECT max(id) FROM import_run WHERE status = 'applied') AS latest,
                  (SELECT count(*)::int FROM import_key WHERE import_id = $1) AS keys
           FROM import_run WHERE id = $1`,
          [id],
        );
        if (!run) throw new RestoreRefused(404, `no import ${id}`);
        if (run.status === 'restored')
          throw new RestoreRefused(409, `import ${id} is already restored`);
        if (run.latest !== id) {
          throw new RestoreRefused(
            409,
            `import ${run.latest} came after import ${id}: restore it first (imports are restored newest first)`,
          );
        }
        await tx.query("SELECT set_config('atlas.events_off', 'on', true)");
        const { table, key, keyCast } = TABLE[run.kind];
        const bulk = run.kind === 'issues' && run.keys > BULK_ROWS;
        if (bulk) await tx.query('ALTER TABLE issue DISABLE TRIGGER USER');
        const columns = (
          await tx.query<{ name: string }>(
            `SELECT column_name AS name FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
            [table],
          )
        ).map((c) => c.name);
        const rest = columns.filter((c) => c !== key);
        try {
          await tx.query(
            `DELETE FROM ${table} WHERE ${key} IN (SELECT key::${keyCast} FROM import_key WHERE import_id = $1 AND inserted)`,
            [id],
          );
          await tx.query(
            `UPDATE ${table} t SET (${rest.join(', ')}) = (${rest.map((c) => `p.${c}`).join(', ')})
             FROM import_prev_${table} p WHERE p.import_id = $1 AND t.${key} = p.${key}`,
            [id],
          );
          await tx.query(
            `INSERT INTO ${table} (${columns.join(', ')})
             SELECT ${columns.map((c) => `p.${c}`).join(', ')} FROM import_prev_${table} p
             WHERE p.import_id = $1 AND NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.${key} = p.${key})
             ORDER BY ${table === 'area' ? "array_position(ARRAY['chengqu','pianqu','shequ','xiaoqu'], p.level)" : '1'}`,
            [id],
          );
        } catch (e) {
          if ((e as { code?: string }).code === '23503') {
            const d = (e as { detail?: string }).detail;
            throw new RestoreRefused(
              409,
              `import ${id} cannot be restored: rows added since refer to what it added (${d ?? (e as Error).message})`,
            );
          }
          throw e;
        }
        await tx.query(
          `UPDATE import_run SET status = 'restored', restored_by = $2, restored_at = now() WHERE id = $1`,
          [id, actor],
        );
        await refreshAfterImport(tx, run.kind, bulk);
        await audit(tx, actor, 'data.restore', `import:${id}`, { kind: run.kind });
      });
      return (await this.run(id))!;
    },
  };
}
