import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import type { DataImportReport } from '../../server/contract/index.ts';

/** Posts a file to the admin import and returns the status and the report (from either answer). */
export async function postImport(
  app: FastifyInstance,
  cookie: string,
  query: Record<string, string | number | boolean>,
  body: Buffer | string,
): Promise<{ status: number; report: DataImportReport; json: Record<string, unknown> }> {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const res = await app.inject({
    method: 'POST',
    url: `/api/admin/imports?${qs}`,
    headers: { cookie, 'content-type': 'application/octet-stream' },
    payload: body,
  });
  const json = res.json() as Record<string, unknown>;
  const report = (res.statusCode === 200 ? json : json.report) as DataImportReport;
  return { status: res.statusCode, report, json };
}

/**
 * Everything an import could change, as one comparable value: row counts and checksums of
 * the data tables, the data versions, the event log's end and the import history.
 */
export async function dataFingerprint(db: Db): Promise<string> {
  const [row] = await db.query<{ f: string }>(`
    SELECT json_build_object(
      'area', (SELECT md5(string_agg(code || name || coalesce(parent_code, '') || md5(ST_AsBinary(geom)::text), ',' ORDER BY code)) FROM area),
      'issue', (SELECT count(*) || ':' || coalesce(sum(id), 0) || ':' || md5(coalesce(string_agg(status || xiaoqu_code, ',' ORDER BY id), '')) FROM issue),
      'site', (SELECT md5(coalesce(string_agg(code || name || xiaoqu_code, ',' ORDER BY code), '')) FROM site),
      'staff', (SELECT md5(coalesce(string_agg(code || department || xiaoqu_code, ',' ORDER BY code), '')) FROM staff),
      'activity', (SELECT count(*) FROM activity),
      'versions', (SELECT string_agg(layer || version, ',' ORDER BY layer) FROM data_version),
      'events', (SELECT coalesce(max(id), 0) FROM event),
      'runs', (SELECT count(*) FROM import_run),
      'rollup', (SELECT coalesce(sum(n), 0) FROM issue_rollup),
      'vocabulary', (SELECT md5(string_agg(kind || key || zh, ',' ORDER BY kind, key)) FROM vocabulary)
    )::text AS f`);
  return row!.f;
}

/** Restores the data an import replaced, as the admin whose session `cookie` is. */
export async function restoreImport(
  app: FastifyInstance,
  cookie: string,
  importId: number | null,
): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/admin/imports/${importId}/restore`,
    headers: { cookie },
  });
  expect(res.statusCode).toBe(200);
}

/** The query of an issue CSV import. */
export const ISSUES = { kind: 'issues', fileName: '工单导出.csv' };

/** Hands out blocks of ids far above the demo's, so new rows never collide with seeded ones. */
export function idBlocks(first = 900_000): (n: number) => number {
  let next = first;
  return (n) => {
    const block = next;
    next += n;
    return block;
  };
}
