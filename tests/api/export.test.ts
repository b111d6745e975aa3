import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { PianquProfile, XiaoquProfile } from '../../server/contract/index.ts';
import { useTestApp } from '../support/test-app.ts';

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
