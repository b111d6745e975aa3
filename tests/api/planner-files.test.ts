/** The planner API: scenarios exported to and imported from files (GeoJSON, CSV). */
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import type { PlannerUnits, Scenario } from '../../server/contract/index.ts';
import { metresBetween, toWgs84 } from '../../server/features/imports/coords.ts';
import { openPlannerApp, plannerHelpers } from '../support/planner-app.ts';
import { stopScratchApp } from '../support/test-app.ts';

describe('planner API: files', () => {
  let db: Db;
  let app: FastifyInstance;
  let planner: string;
  let units: PlannerUnits;

  // This suite writes (scenarios, an applied version): a seeded database of its own.
  beforeAll(async () => {
    ({ db, app, planner, units } = await openPlannerApp());
  });
  afterAll(() => stopScratchApp(app, db));

  const { as, body, save, scenarioCount } = plannerHelpers(() => ({
    db,
    app,
    planner,
    units,
  }));

  describe('export', () => {
    it('exports dissolved 片区 as valid GeoJSON whose areas equal their members', async () => {
      const s = await save(body({ name: '导出' }));
      const res = await app.inject({
        url: `/api/planner/scenarios/${s.id}/export.geojson`,
        headers: as(planner),
      });
      expect(res.statusCode).toBe(200);
      const fc = res.json();
      expect(fc.features).toHaveLength(units.pianqu.length);
      for (const f of fc.features) {
        const members = units.units.filter((u) => u.pianquCode === f.properties.code);
        const [check] = await db.query<{ valid: boolean; area: number; parts: number }>(
          `SELECT ST_IsValid(g) AS valid, ST_Area(g::geography)::float8 AS area,
                  ST_NumGeometries(g)::int AS parts
           FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) t`,
          [JSON.stringify(f.geometry)],
        );
        expect(check!.valid, f.properties.code).toBe(true);
        const sum = members.reduce((t, u) => t + u.areaM2, 0);
        expect(Math.abs(check!.area - sum) / sum, f.properties.code).toBeLessThan(1e-4);
        const plan = s.metrics.pianqu.find((p) => p.code === f.properties.code)!;
        // No slivers or gaps: one polygon per connected piece.
        expect(check!.parts).toBe(plan.components.length);
        expect(f.properties.population).toBe(plan.figures.population);
      }
    });

    it('exports the assignment as UTF-8 CSV with a BOM', async () => {
      const s = await save(body({ name: 'CSV' }));
      const res = await app.inject({
        url: `/api/planner/scenarios/${s.id}/export.csv`,
        headers: as(planner),
      });
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const lines = res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe('shequ_code,pianqu_code');
      expect(lines).toHaveLength(units.units.length + 1);
      expect(lines).toContain(`${units.units[0]!.code},${units.units[0]!.pianquCode}`);
    });

    it('names both files after the scenario in Chinese, and writes GCJ-02 for 高德 maps', async () => {
      const s = await save(body({ name: '东部调整' }));
      const url = `/api/planner/scenarios/${s.id}/export`;
      const csv = await app.inject({ url: `${url}.csv`, headers: as(planner) });
      const disposition = String(csv.headers['content-disposition']);
      expect(disposition).toContain(`filename="scenario-${s.id}.csv"`);
      expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(
        `方案-东部调整-${s.id}.csv`,
      );
      const wgs = (await app.inject({ url: `${url}.geojson`, headers: as(planner) })).json();
      const res = await app.inject({ url: `${url}.geojson?crs=gcj02`, headers: as(planner) });
      expect(decodeURIComponent(String(res.headers['content-disposition']).split("''")[1]!)).toBe(
        `方案-东部调整-${s.id}.gcj02.geojson`,
      );
      const gcj = res.json();
      expect(gcj.coordinateSystem).toBe('gcj02');
      const flat = (g: { coordinates: unknown }) =>
        (g.coordinates as number[][][][]).flat(2) as [number, number][];
      const a = flat(wgs.features[0].geometry);
      const b = flat(gcj.features[0].geometry).map((p) => toWgs84(p, 'gcj02'));
      expect(metresBetween(a[0]!, flat(gcj.features[0].geometry)[0]!)).toBeGreaterThan(100);
      expect(Math.max(...a.map((p, i) => metresBetween(p, b[i]!)))).toBeLessThan(1);
      const bad = await app.inject({ url: `${url}.geojson?crs=utm`, headers: as(planner) });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toMatch(/crs/);
    });
  });

  describe('import', () => {
    const csv = (rows: string[][], header = 'shequ_code,pianqu_code') =>
      Buffer.from('\uFEFF' + [header, ...rows.map((r) => r.join(','))].join('\r\n'), 'utf8');
    const all = () => units.units.map((u) => [u.code, u.pianquCode]);
    const post = (payload: Buffer, query = '') =>
      app.inject({
        method: 'POST',
        url: `/api/planner/import${query}`,
        headers: { ...as(planner), 'content-type': 'text/csv' },
        payload,
      });

    it('imports a file the export wrote, with a new 片区', async () => {
      const rows = all();
      rows[0]![1] = 'PQX1';
      const res = await post(csv(rows), '?name=%E5%AF%BC%E5%85%A5');
      expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
      const s = res.json() as Scenario;
      expect(s.name).toBe('导入');
      expect(s.assignment[rows[0]![0]!]).toBe('PQX1');
      expect(s.pianqu.find((p) => p.code === 'PQX1')).toMatchObject({ isNew: true });
    });

    it('imports a GBK file with Chinese columns, as Excel saves CSV on a Chinese Windows', async () => {
      const rows = all().map(([shequ, pianqu]) => [`社区${shequ}`, shequ!, pianqu!]);
      const text = ['名称,shequ_code,pianqu_code', ...rows.map((r) => r.join(','))].join('\r\n');
      const res = await app.inject({
        method: 'POST',
        url: '/api/planner/import',
        headers: { ...as(planner), 'content-type': 'application/octet-stream' },
        payload: iconv.encode(text, 'gbk'),
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
      const s = res.json() as Scenario;
      expect(s.assignment).toEqual(Object.fromEntries(all()));
    });

    it.each([
      ['an empty file', () => Buffer.alloc(0), 'empty_file', null],
      [
        'a GBK file (社区 in GBK on row 2)',
        () => Buffer.concat([csv([]), Buffer.from([0x0a, 0xc9, 0xe7, 0xc7, 0xf8])]),
        'not_utf8',
        2,
      ],
      ['a wrong header', () => csv(all(), 'code,district'), 'bad_header', 1],
    ] as const)(
      'rejects %s with a report and writes nothing',
      async (_what, payload, problem, row) => {
        const before = await scenarioCount();
        const res = await post(payload());
        expect(res.statusCode).toBe(400);
        expect(res.json().problems).toEqual([expect.objectContaining({ problem, row })]);
        expect(await scenarioCount()).toBe(before);
      },
    );

    it('reports every bad row: unknown code, duplicate, missing 社区', async () => {
      const before = await scenarioCount();
      const rows = all();
      const missing = rows[1]![0]!;
      rows[1] = ['SQ_NOPE', rows[1]![1]!];
      rows.push([rows[0]![0]!, rows[0]![1]!]);
      const res = await post(csv(rows));
      expect(res.statusCode).toBe(400);
      const problems = res.json().problems;
      expect(problems).toEqual([
        expect.objectContaining({ row: 3, code: 'SQ_NOPE', problem: 'unknown_shequ' }),
        expect.objectContaining({ row: rows.length + 1, code: rows[0]![0], problem: 'duplicate' }),
        expect.objectContaining({ row: null, code: missing, problem: 'missing_shequ' }),
      ]);
      expect(problems[1].message).toContain('row 2');
      expect(res.json().message).toContain('Nothing imported');
      expect(await scenarioCount()).toBe(before);
    });

    // 415 since the route takes only the types it documents (issue 17); was 400.
    it('asks for a CSV body when sent JSON', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/planner/import',
        headers: as(planner),
        payload: { csv: 'x' },
      });
      expect(res.statusCode).toBe(415);
      expect(res.json().message).toContain('text/csv');
    });
  });

  describe('scenario CSV export', () => {
    /** A scenario moving the first two 社区 into new 片区 coded like formulas. */
    async function scenarioWithCodes(codes: [string, string]) {
      const assignment = Object.fromEntries(units.units.map((u) => [u.code, u.pianquCode]));
      const [a, b] = units.units;
      assignment[a!.code] = codes[0];
      assignment[b!.code] = codes[1];
      const res = await app.inject({
        method: 'POST',
        url: '/api/planner/scenarios',
        headers: { cookie: planner },
        payload: {
          name: '公式样代码',
          baseVersion: units.version.id,
          assignment,
          pianqu: [
            ...units.pianqu,
            ...codes.map((code) => ({ code, name: `新片区${code}`, isNew: true })),
          ],
        },
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
      return { id: (res.json() as Scenario).id, a: a!.code, b: b!.code };
    }

    const exportCsv = async (id: number) => {
      const res = await app.inject({
        url: `/api/planner/scenarios/${id}/export.csv`,
        headers: { cookie: planner },
      });
      expect(res.statusCode).toBe(200);
      return { res, rows: parse(res.rawPayload, { bom: true }) as string[][] };
    };

    it('writes codes such as -2-3 and -A1 as text, as profile.csv does', async () => {
      const s = await scenarioWithCodes(['-2-3', '-A1']);
      const { rows } = await exportCsv(s.id);
      const of = new Map(rows.slice(1).map(([shequ, pianqu]) => [shequ!, pianqu!]));
      expect(of.get(s.a)).toBe("'-2-3");
      expect(of.get(s.b)).toBe("'-A1");
      for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    });

    it('neutralises =1+1 and @SUM in any column, whatever the stored scenario holds', async () => {
      const s = await scenarioWithCodes(['PQX1', 'PQX2']);
      // Stored past the API's code check, as an older version or a hand edit could have left it.
      await db.query(
        `UPDATE planner_scenario SET assignment = assignment || jsonb_build_object($2::text, $3::text, $4::text, $5::text)
         WHERE id = $1`,
        [s.id, s.a, '=1+1', '@SUM', s.b],
      );
      const { rows } = await exportCsv(s.id);
      const of = new Map(rows.slice(1).map(([shequ, pianqu]) => [shequ!, pianqu!]));
      expect(of.get(s.a)).toBe("'=1+1");
      expect(of.get("'@SUM")).toBe(s.b);
      for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    });

    it('imports its own export back to the same assignment', async () => {
      const s = await scenarioWithCodes(['-2-3', '-A1']);
      const { res } = await exportCsv(s.id);
      const back = await app.inject({
        method: 'POST',
        url: '/api/planner/import',
        headers: { cookie: planner, 'content-type': 'text/csv' },
        payload: res.rawPayload,
      });
      expect(back.statusCode, back.body.slice(0, 300)).toBe(201);
      const imported = back.json() as Scenario;
      expect(imported.assignment[s.a]).toBe('-2-3');
      expect(imported.assignment[s.b]).toBe('-A1');
    });
  });
});
