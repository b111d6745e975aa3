import type { AreaLevel } from '../../contract/index.ts';
import type { Tx } from '../../db/db.ts';
import { sqlQueries } from '../../db/sql-files.ts';
import { importCounts } from './repository.ts';

const SQL = sqlQueries(new URL('./boundary-merge.sql', import.meta.url), [
  'keepReplaced',
  'recordKeys',
  'keepDeleted',
  'deleteMissing',
  'streetsByName',
  'streetCodes',
  'upsertStreets',
  'upsertAreas',
]);

/**
 * The 镇街 the staged areas name become rows of `street`: a value is an existing street's code
 * or name, or a new street (its code the value when it is code-shaped, else derived from the
 * name; `street_name` names it). The staged rows then carry the code.
 */
async function mergeStreets(tx: Tx): Promise<void> {
  await tx.query(SQL.streetsByName);
  await tx.query(SQL.streetCodes);
  await tx.query(SQL.upsertStreets);
}

/** Writes the staged areas; keeps the rows they replace for a restore. */
export async function mergeAreas(tx: Tx, level: AreaLevel, importId: number, replace: boolean) {
  await tx.query(SQL.keepReplaced, [importId]);
  await tx.query(SQL.recordKeys, [importId]);
  let deleted = 0;
  if (replace) {
    await tx.query(SQL.keepDeleted, [importId, level]);
    const [gone] = await tx.query<{ n: number }>(SQL.deleteMissing, [level]);
    deleted = gone!.n;
  }
  await mergeStreets(tx);
  await tx.query(SQL.upsertAreas, [level]);
  return { ...(await importCounts(tx, importId)), deleted };
}
