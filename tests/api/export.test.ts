import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type {
  PianquProfile,
  PlannerUnits,
  Scenario,
  XiaoquProfile,
} from '../../server/contract/index.ts';
import type { Db } from '../../server/db/db.ts';
import { sessionAs } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';
import { openScratchDb } from '../support/test-db.ts';

describe('profile CSV export', () => {
  const t = useTestApp({ publicDemo: true });

  async function exported(url: string) {
    const res = await t.app().inject(url);
    expect(res.statusCode, res.body).toBe(200);
    const rows = parse(res.rawPayload, { bom: true }) as string[][];
    return { res, rows, map: new Map(rows.slice(1).map(([k, v]) => [k!, v!])) };
  }

  it('is UTF-8 with a BOM, an attachment named in Chinese, and parses back', async () => {
    const { res, rows } = await exported('/api/areas/PQ14/profile.csv');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(
      /^attachment; filename="profile-PQ14-all\.csv"; filename\*=UTF-8''/,
    );
    const encoded = disposition.split("filename*=UTF-8''")[1]!;
    expect(encoded).toMatch(/^[A-Za-z0-9%._~!$&+^`|-]+$/);
    expect(decodeURIComponent(encoded)).toBe('田村片区-概况-all.csv');
    expect(rows[0]).toEqual(['指标', '数值']);
    expect(rows.every((r) => r.length === 2)).toBe(true);
  });

  it('has the figures of the profile JSON, in the same window', async () => {
    const window = '?window=year';
    const p = (await t.app().inject(`/api/areas/PQ14/profile${window}`)).json() as PianquProfile;
    const { map, res } = await exported(`/api/areas/PQ14/profile.csv${window}`);
    expect(String(res.headers['content-disposition'])).toContain(
      `-${p.window.from!.slice(0, 4)}.csv`,
    );
    expect(map.get('地区')).toBe('田村片区');
    expect(map.get('起')).toBe(p.window.from);
    expect(map.get('止')).toBe(p.window.to);
    expect(Number(map.get('民生问题'))).toBe(p.figures.issues.total);
    expect(Number(map.get('已解决'))).toBe(p.figures.issues.resolved);
    expect(Number(map.get('户数'))).toBe(p.figures.households);
    expect(Number(map.get('信用积分·获得'))).toBe(p.figures.credits.earned);
    expect(Number(map.get('信用积分·片区内通兑'))).toBe(p.figures.credits.exchanged);
    expect(Number(map.get('四项职责·历史遗留问题·发现'))).toBe(p.duties.legacy.found);
    expect(Number(map.get('四项职责·重点难题·解决'))).toBe(p.duties.keyProblems.solved);
    expect(Number(map.get('议事清单事项'))).toBe(p.agenda.length);
    const rate = p.figures.issues.resolutionRate;
    expect(Number(map.get('解决率(%)'))).toBeCloseTo(rate! * 100, 1);
    for (const c of p.figures.issues.byCategory) {
      expect([...map.values()]).toContain(String(c.total));
    }
  });

  it('exports a 小区 with its branch and no staff or personal data for the public', async () => {
    const p = (await t.app().inject('/api/areas/XQ035/profile')).json() as XiaoquProfile;
    const { map, res } = await exported('/api/areas/XQ035/profile.csv');
    expect(map.get('党支部')).toBe(p.partyBranch.name);
    expect(Number(map.get('民生问题'))).toBe(p.figures.issues.total);
    expect(res.body).not.toMatch(/1[3-9]\d{9}/);
  });

  it('answers 400 and 404 as the profile does', async () => {
    expect((await t.app().inject('/api/areas/PQ14/profile.csv?window=range')).statusCode).toBe(400);
    expect((await t.app().inject('/api/areas/NOPE/profile.csv')).statusCode).toBe(404);
  });
});

describe('planner scenario CSV export', () => {
  let db: Db;
  let app: FastifyInstance;
  let planner: string;
  let units: PlannerUnits;

  // Saves scenarios: a seeded database of its own.
  beforeAll(async () => {
    db = await openScratchDb();
    app = await buildApp({ db, publicDemo: true, rateLimitPerMinute: 100_000 });
    planner = await sessionAs(app, db, 'planner');
    units = (await app.inject({ url: '/api/planner/units', headers: { cookie: planner } })).json();
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

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
