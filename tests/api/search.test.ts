import { describe, expect, it } from 'vitest';
import type { SearchResponse } from '../../server/contract/index.ts';
import { useTestApp } from '../support/test-app.ts';

describe('search', () => {
  const t = useTestApp({ publicDemo: true });

  async function search(q: string, extra = ''): Promise<SearchResponse> {
    const res = await t.app().inject(`/api/search?q=${encodeURIComponent(q)}${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as SearchResponse;
  }

  it('finds 西文化小区 by its pinyin initials, with where it is and where to fly', async () => {
    const { results } = await search('xwh');
    const [first] = results;
    expect(first).toMatchObject({ kind: 'xiaoqu', name: '西文化小区', match: 'initials' });
    const [row] = await t.db().query<{ code: string; shequ: string; pianqu: string }>(
      `SELECT x.code, s.name AS shequ, p.name AS pianqu
       FROM area x JOIN area s ON s.code = x.parent_code JOIN area p ON p.code = s.parent_code
       WHERE x.name = '西文化小区'`,
    );
    expect(first!.code).toBe(row!.code);
    expect(first!.areaCode).toBe(row!.code);
    expect(first!.chain).toEqual(['威海高新区', row!.pianqu, row!.shequ]);
    const [w, s, e, n] = first!.bbox!;
    expect(first!.center[0]).toBeGreaterThanOrEqual(w);
    expect(first!.center[0]).toBeLessThanOrEqual(e);
    expect(first!.center[1]).toBeGreaterThanOrEqual(s);
    expect(first!.center[1]).toBeLessThanOrEqual(n);
    // Its 邻里之家 match too, as points inside it.
    const site = results.find((r) => r.kind === 'site');
    expect(site).toMatchObject({ areaCode: row!.code, bbox: null });
    expect(site!.chain.at(-1)).toBe('西文化小区');
  });

  it('finds by full pinyin, and by either reading of a polyphonic character', async () => {
    expect((await search('xiwenhua')).results[0]).toMatchObject({
      name: '西文化小区',
      match: 'pinyin',
    });
    expect((await search("Xi Wen'hua")).results[0]!.name).toBe('西文化小区');
    // 长 reads chang in 长春; someone typing zhang still finds it.
    expect((await search('changchunlu')).results.map((r) => r.name)).toContain('长春路小区');
    expect((await search('zhangchunlu')).results.map((r) => r.name)).toContain('长春路小区');
  });

  it('matches Chinese substrings, whole names and name starts first', async () => {
    const { results } = await search('文化');
    const [row] = await t.db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT name FROM area WHERE level <> 'chengqu' AND name LIKE '%文化%'
         UNION ALL SELECT name FROM site WHERE name LIKE '%文化%') x`,
    );
    expect(results).toHaveLength(Math.min(10, row!.n));
    for (const r of results) expect(r.name).toContain('文化');
    const order = results.map((r) => (r.name.startsWith('文化') ? 0 : 1));
    expect(order).toEqual([...order].sort());
    expect((await search('西文化小区')).results[0]).toMatchObject({
      name: '西文化小区',
      match: 'exact',
    });
  });

  it('finds 片区, 社区 and 邻里之家 too', async () => {
    expect((await search('田村')).results[0]).toMatchObject({ kind: 'pianqu', name: '田村片区' });
    expect((await search('滨州街')).results[0]).toMatchObject({ kind: 'shequ' });
    const sites = (await search('邻里之家', '&limit=50')).results;
    expect(sites.length).toBe(50);
    expect(sites.every((r) => r.kind === 'site')).toBe(true);
  });

  it('keeps to the limit and takes LIKE wildcards literally', async () => {
    expect((await search('x', '&limit=3')).results).toHaveLength(3);
    expect((await search('%')).results).toHaveLength(0);
    expect((await search('_')).results).toHaveLength(0);
  });

  it('refuses an empty or overlong query', async () => {
    for (const q of ['', '   ', 'x'.repeat(41)]) {
      const res = await t.app().inject(`/api/search?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, JSON.stringify(q)).toBe(400);
      expect(res.json().message.length).toBeGreaterThan(5);
    }
    expect((await t.app().inject('/api/search')).statusCode).toBe(400);
    expect((await t.app().inject('/api/search?q=a&limit=500')).statusCode).toBe(400);
  });
});
