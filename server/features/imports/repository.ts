/**
 * Import history, restore and saved sources. A restore puts a table back as it was before one
 * import: rows it inserted are deleted, rows it changed or deleted come back from
 * import_prev_*. Imports are restored newest first, so each restore meets the data exactly as
 * its import left it.
 */
import type {
  ColumnMapping,
  ImportCrs,
  ImportKind,
  ImportMode,
  ImportRun,
  ImportSource,
} from '../../contract/index.ts';
import type { Db, Queryable, Tx } from '../../db/db.ts';
import { sqlQueries } from '../../db/sql-files.ts';
import { audit } from '../../auth/repository.ts';
import { sumUpperLevels } from '../../db/seed.ts';
import { rebuildSearchIndex } from '../search/search-index.ts';
import { RECORD_TABLES } from './record-tables.ts';
import { lockForTransaction } from '../../db/locks.ts';
import { restoreSql } from './table-sql.ts';

const SQL = sqlQueries(new URL('./repository.sql', import.meta.url), [
  'enableIssueTriggers',
  'disableIssueTriggers',
  'rebuildRollup',
  'bumpIssuesVersion',
  'markImported',
  'source',
  'sources',
  'saveSource',
  'createRun',
  'finishRun',
  'importCounts',
  'dataVersions',
  'validAreas',
  'validRecords',
  'runs',
  'restoreCandidate',
  'eventsOff',
  'tableColumns',
  'markRestored',
]);

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

const TABLE: Record<ImportKind, { table: string; key: string; keyCast: 'int' | 'text' }> = {
  boundaries: { table: 'area', key: 'code', keyCast: 'text' },
  ...(Object.fromEntries(
    Object.entries(RECORD_TABLES).map(([k, t]) => [
      k,
      { table: t.table, key: t.key, keyCast: t.keyCast },
    ]),
  ) as Record<
    Exclude<ImportKind, 'boundaries'>,
    { table: string; key: string; keyCast: 'int' | 'text' }
  >),
};

/**
 * What every import and restore refreshes in the same transaction: the rollup after a bulk
 * load, the sums and search index after areas change, and the dataset row, whose update tells
 * every screen to refetch (one `data.reloaded` event), makes the planner precompute a fresh
 * boundary version, and marks the data as no longer the pristine demo (never re-seeded).
 */
export async function refreshAfterImport(tx: Tx, kind: ImportKind, bulk: boolean): Promise<void> {
  if (bulk) {
    await tx.query(SQL.enableIssueTriggers);
    await tx.query(SQL.rebuildRollup);
    await tx.query(SQL.bumpIssuesVersion);
  }
  if (kind === 'boundaries') {
    await sumUpperLevels(tx);
  }
  if (kind === 'boundaries' || kind === 'sites') await rebuildSearchIndex(tx);
  await tx.query(SQL.markImported);
}

/** How many keys import `importId` wrote, new and changed (its merge's counts). */
export async function importCounts(
  q: Queryable,
  importId: number,
): Promise<{ inserted: number; updated: number }> {
  const [counts] = await q.query<{ inserted: number; updated: number }>(SQL.importCounts, [
    importId,
  ]);
  return counts!;
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
        crs: ImportCrs;
        encoding: string;
        level: string | null;
        updated_at: string;
      }>(SQL.source, [name, kind]);
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
        crs: ImportCrs;
        encoding: string;
        level: string | null;
        updated_at: string;
      }>(SQL.sources);
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
        crs: ImportCrs;
        encoding: string;
        level: string | null;
      },
    ) {
      await q.query(SQL.saveSource, [
        s.name,
        s.kind,
        JSON.stringify(s.mapping),
        s.crs,
        s.encoding,
        s.level,
      ]);
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
      const [row] = await q.query<{ id: number }>(SQL.createRun, [
        r.kind,
        r.level,
        r.fileName,
        r.source,
        r.mode,
        JSON.stringify(r.settings),
        r.actor,
      ]);
      return row!.id;
    },

    async finishRun(
      q: Queryable,
      id: number,
      c: { inserted: number; updated: number; deleted: number },
    ) {
      await q.query(SQL.finishRun, [id, c.inserted, c.updated, c.deleted]);
    },

    /** How many staged boundaries passed every check. */
    async validAreas(q: Queryable): Promise<number> {
      const [v] = await q.query<{ n: number }>(SQL.validAreas);
      return v!.n;
    },

    /** How many staged records passed every check. */
    async validRecords(q: Queryable): Promise<number> {
      const [v] = await q.query<{ n: number }>(SQL.validRecords);
      return v!.n;
    },

    async dataVersions(q: Queryable): Promise<Record<string, number>> {
      const rows = await q.query<{ layer: string; version: number }>(SQL.dataVersions);
      return Object.fromEntries(rows.map((r) => [r.layer, r.version]));
    },

    async runs(limit = 100): Promise<ImportRun[]> {
      const rows = await db.query<RunRow>(SQL.runs, [limit, null]);
      return rows.map(toRun);
    },

    async run(id: number): Promise<ImportRun | null> {
      const [r] = await db.query<RunRow>(SQL.runs, [1, id]);
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
        }>(SQL.restoreCandidate, [id]);
        if (!run) throw new RestoreRefused(404, `no import ${id}`);
        if (run.status === 'restored')
          throw new RestoreRefused(409, `import ${id} is already restored`);
        if (run.latest !== id) {
          throw new RestoreRefused(
            409,
            `import ${run.latest} came after import ${id}: restore it first (imports are restored newest first)`,
          );
        }
        await tx.query(SQL.eventsOff);
        const { table, key, keyCast } = TABLE[run.kind];
        const bulk = run.kind === 'issues' && run.keys > BULK_ROWS;
        if (bulk) await tx.query(SQL.disableIssueTriggers);
        const columns = (await tx.query<{ name: string }>(SQL.tableColumns, [table])).map(
          (c) => c.name,
        );
        const put = restoreSql(table, key, keyCast, columns);
        try {
          await tx.query(put.deleteInserted, [id]);
          await tx.query(put.putBackChanged, [id]);
          await tx.query(put.putBackDeleted, [id]);
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
        await tx.query(SQL.markRestored, [id, actor]);
        await refreshAfterImport(tx, run.kind, bulk);
        await audit(tx, actor, 'data.restore', `import:${id}`, { kind: run.kind });
      });
      return (await this.run(id))!;
    },
  };
}
