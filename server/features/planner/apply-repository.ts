import pg from 'pg';
import type { Queryable } from '../../db/db.ts';
import { sqlQueries } from '../../db/sql-files.ts';

const SQL = sqlQueries(new URL('./apply.sql', import.meta.url), [
  'pianquNow',
  'insertAppliedVersion',
  'createPianqu',
  'moveShequ',
  'renamePianqu',
  'reshapePianqu',
  'areaReferences',
  'successorOf',
  'previousVersionId',
  'setSuccessor',
  'deletePianqu',
  'closeMovedAssignments',
  'openMovedAssignments',
]);

/** A column that refers to an area, from the catalogue. */
export interface AreaReference {
  schema: string;
  tbl: string;
  col: string;
}

/**
 * The SQL of applying a scenario (`apply.sql`). `assignment` is always the scenario's
 * 社区 → 片区 as JSON text.
 */
export function applyRepository(tx: Queryable) {
  return {
    pianquNow: () => tx.query<{ code: string; name: string; parent_code: string }>(SQL.pianquNow),
    async insertVersion(effectiveFrom: string, note: string, actor: string, scenarioId: number) {
      const [r] = await tx.query<{ id: number }>(SQL.insertAppliedVersion, [
        effectiveFrom,
        note,
        actor,
        scenarioId,
      ]);
      return r!.id;
    },
    async createPianqu(code: string, zone: string, name: string, assignment: string) {
      await tx.query(SQL.createPianqu, [code, zone, name, assignment]);
    },
    async moveShequ(assignment: string): Promise<string[]> {
      return (await tx.query<{ code: string }>(SQL.moveShequ, [assignment])).map((r) => r.code);
    },
    async renamePianqu(code: string, name: string) {
      await tx.query(SQL.renamePianqu, [code, name]);
    },
    async reshapePianqu() {
      await tx.query(SQL.reshapePianqu);
    },
    references: () => tx.query<AreaReference>(SQL.areaReferences),
    async successorOf(code: string, assignment: string): Promise<string | null> {
      const [r] = await tx.query<{ code: string }>(SQL.successorOf, [code, assignment]);
      return r?.code ?? null;
    },
    /** Moves a column's references from one area to another. The names come from the catalogue. */
    async reassign(ref: AreaReference, from: string, to: string) {
      const table = `${pg.escapeIdentifier(ref.schema)}.${pg.escapeIdentifier(ref.tbl)}`;
      const col = pg.escapeIdentifier(ref.col);
      await tx.query(`UPDATE ${table} SET ${col} = $2 WHERE ${col} = $1`, [from, to]);
    },
    async previousVersionId(versionId: number): Promise<number> {
      const [r] = await tx.query<{ id: number }>(SQL.previousVersionId, [versionId]);
      return r!.id;
    },
    async setSuccessor(versionId: number, code: string, successor: string) {
      await tx.query(SQL.setSuccessor, [versionId, code, successor]);
    },
    async deletePianqu(code: string) {
      await tx.query(SQL.deletePianqu, [code]);
    },
    /** History: closes the rows of the 社区 that moved and opens their new ones. */
    async recordMoves(assignment: string, effectiveFrom: string, versionId: number) {
      await tx.query(SQL.closeMovedAssignments, [assignment, effectiveFrom]);
      await tx.query(SQL.openMovedAssignments, [assignment, effectiveFrom, versionId]);
    },
  };
}
