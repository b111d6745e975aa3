/**
 * The session says where it may read per-area detail (`detailIn` of `GET /api/auth/me`), and
 * that is exactly where the detail routes answer: the client asks only there, so it is never
 * refused (no 401/403 in the console).
 */
import { describe, expect, it } from 'vitest';
import { sessionAs } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';

describe('detailIn: where a session may read per-area detail', () => {
  const t = useTestApp({ publicDemo: true });

  const allCodes = async () =>
    (await t.db().query<{ code: string }>('SELECT code FROM area ORDER BY code')).map(
      (r) => r.code,
    );
  const me = async (cookie?: string) =>
    (await t.app().inject({ url: '/api/auth/me', headers: cookie ? { cookie } : {} })).json();
  /** The codes whose staff duty this session is given. */
  const answered = async (codes: string[], cookie?: string) => {
    const statuses = await Promise.all(
      codes.map(async (code) => {
        const res = await t.app().inject({
          url: `/api/staff/duty?area=${encodeURIComponent(code)}&at=2026-01-05T10:00`,
          headers: cookie ? { cookie } : {},
        });
        return [code, res.statusCode] as const;
      }),
    );
    for (const [code, status] of statuses) {
      expect([200, 401, 403], code).toContain(status);
    }
    return statuses.filter(([, s]) => s === 200).map(([code]) => code);
  };

  it('is empty for a visitor, who is given no area’s duty', async () => {
    const codes = await allCodes();
    expect((await me()).detailIn).toEqual([]);
    expect(await answered(codes)).toEqual([]);
  });

  it('lists an official’s own area and the areas below it: those the duty route answers', async () => {
    const [pianqu] = await t
      .db()
      .query<{ code: string }>(
        `SELECT code FROM area WHERE level = 'pianqu' ORDER BY code LIMIT 1`,
      );
    const cookie = await sessionAs(t.app(), t.db(), 'official', pianqu!.code);
    const { detailIn } = await me(cookie);
    expect(detailIn).toContain(pianqu!.code);
    expect(await answered(await allCodes(), cookie)).toEqual([...detailIn].sort());
  });

  it('is the whole zone for a planner', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'planner');
    expect((await me(cookie)).detailIn).toBe('zone');
    const codes = await allCodes();
    expect(await answered(codes.slice(0, 40), cookie)).toEqual(codes.slice(0, 40));
  });
});
