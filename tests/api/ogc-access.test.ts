/**
 * Who reads which OGC collection: the staff posts collection follows `GET /api/staff` (its
 * access, its scoping rule) for every role, by session and by API token; the public collections
 * stay the same for every role. Counts are checked against SQL of this suite's own.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { apiTokenRepository } from '../../server/auth/api-tokens.ts';
import { OGC_MAX_LIMIT } from '../../server/contract/index.ts';
import type { Db } from '../../server/db/db.ts';
import { kioskSession, sessionAs } from '../support/sessions.ts';
import { sqlCount, useTestApp } from '../support/test-app.ts';

const BASE = '/api/ogc';
const STAFF = `${BASE}/collections/staff`;

interface Items {
  numberMatched: number;
  features: { id: string; properties: Record<string, unknown> }[];
}

/** A 片区 with staff posts, another one with posts, and a post in each (from SQL). */
async function fixture(db: Db) {
  const rows = await db.query<{ pianqu: string; post: string }>(
    `SELECT DISTINCT ON (l.pianqu_code) l.pianqu_code AS pianqu, s.code AS post
     FROM staff s JOIN xiaoqu_lineage l ON l.xiaoqu_code = s.xiaoqu_code
     ORDER BY l.pianqu_code, s.code LIMIT 2`,
  );
  const [own, other] = rows;
  const postsIn = (pianqu: string) =>
    sqlCount(
      db,
      `SELECT count(*)::int AS n FROM staff s JOIN xiaoqu_lineage l ON l.xiaoqu_code = s.xiaoqu_code
       WHERE l.pianqu_code = $1`,
      [pianqu],
    );
  return { own: own!, other: other!, postsIn };
}

type Caller = (app: FastifyInstance, db: Db, pianqu: string) => Promise<Record<string, string>>;
const cookie = (c: string) => ({ cookie: c });
const bearer = async (db: Db, role: 'screen' | 'official' | 'planner', area: string | null) => {
  const { token } = await apiTokenRepository(db).create(
    { label: 'ogc-access', role, ...(area ? { areaCode: area } : {}) },
    null,
  );
  return { authorization: `Bearer ${token}` };
};

/** Callers who read staff posts: sessions and tokens, zone-wide or scoped to their 片区. */
const READERS: [string, Caller, 'area' | 'zone'][] = [
  ['an official', async (app, db, p) => cookie(await sessionAs(app, db, 'official', p)), 'area'],
  ['an official’s API token', async (_app, db, p) => bearer(db, 'official', p), 'area'],
  ['a planner', async (app, db) => cookie(await sessionAs(app, db, 'planner')), 'zone'],
  ['a planner’s API token', async (_app, db) => bearer(db, 'planner', null), 'zone'],
  ['an admin', async (app, db) => cookie(await sessionAs(app, db, 'admin')), 'zone'],
];
/** Callers who do not, with the status `GET /api/staff` gives them. */
const OTHERS: [string, Caller, number][] = [
  ['a visitor of the open demo', async () => ({}), 401],
  ['a big screen', async (app, db) => cookie(await kioskSession(app, db)), 403],
  ['a screen’s API token', async (_app, db) => bearer(db, 'screen', null), 403],
];

describe('OGC staff posts collection, per role', () => {
  const t = useTestApp({ publicDemo: true });
  const get = (url: string, headers: Record<string, string>) =>
    t.app().inject({ method: 'GET', url, headers });

  it.each(READERS)('lists staff to %s, and pages their scope’s posts', async (_who, as, scope) => {
    const f = await fixture(t.db());
    const headers = await as(t.app(), t.db(), f.own.pianqu);
    const list = await get(`${BASE}/collections`, headers);
    expect(list.json<{ collections: { id: string }[] }>().collections.map((c) => c.id)).toContain(
      'staff',
    );
    const page = await get(`${STAFF}/items?limit=${OGC_MAX_LIMIT}`, headers);
    expect(page.statusCode).toBe(200);
    const want =
      scope === 'zone'
        ? await sqlCount(t.db(), 'SELECT count(*)::int AS n FROM staff')
        : await f.postsIn(f.own.pianqu);
    expect(page.json<Items>().numberMatched).toBe(want);
    expect(want).toBeGreaterThan(0);
    // The staff overlay's fields and no others: never a person.
    expect(Object.keys(page.json<Items>().features[0]!.properties).sort()).toEqual([
      'department',
      'dutySchedule',
      'xiaoquCode',
      'xiaoquName',
    ]);
    expect((await get(`${STAFF}/items/${f.own.post}`, headers)).statusCode).toBe(200);
    const other = await get(`${STAFF}/items/${f.other.post}`, headers);
    expect(other.statusCode).toBe(scope === 'zone' ? 200 : 403);
  });

  it.each(OTHERS)(
    'hides staff from %s, refused as /api/staff refuses',
    async (_who, as, status) => {
      const f = await fixture(t.db());
      const headers = await as(t.app(), t.db(), f.own.pianqu);
      const list = await get(`${BASE}/collections`, headers);
      expect(list.statusCode).toBe(200);
      const ids = list.json<{ collections: { id: string }[] }>().collections.map((c) => c.id);
      expect(ids).not.toContain('staff');
      expect(ids).toContain('pianqu');
      expect((await get(`/api/staff?area=${f.own.pianqu}`, headers)).statusCode).toBe(status);
      for (const url of [STAFF, `${STAFF}/items`, `${STAFF}/items/${f.own.post}`]) {
        expect((await get(url, headers)).statusCode, url).toBe(status);
      }
    },
  );

  it('scopes the staff extent to an official’s area', async () => {
    const f = await fixture(t.db());
    const headers = cookie(await sessionAs(t.app(), t.db(), 'official', f.own.pianqu));
    const body = (await get(STAFF, headers)).json<{ extent: { spatial: { bbox: number[][] } } }>();
    const [row] = await t.db().query<{ w: number; s: number; e: number; n: number }>(
      `SELECT ST_XMin(b)::float8 AS w, ST_YMin(b)::float8 AS s, ST_XMax(b)::float8 AS e,
              ST_YMax(b)::float8 AS n
       FROM (SELECT ST_Extent(x.label_point) AS b FROM staff s
             JOIN xiaoqu_lineage l ON l.xiaoqu_code = s.xiaoqu_code
             JOIN area x ON x.code = s.xiaoqu_code WHERE l.pianqu_code = $1) q`,
      [f.own.pianqu],
    );
    expect(body.extent.spatial.bbox[0]).toEqual(
      [row!.w, row!.s, row!.e, row!.n].map((v) => expect.closeTo(v, 6)),
    );
  });

  it('answers 404 for a staff post that does not exist', async () => {
    const headers = cookie(await sessionAs(t.app(), t.db(), 'planner'));
    const res = await get(`${STAFF}/items/NO-SUCH-POST`, headers);
    expect(res.statusCode).toBe(404);
    expect(res.json<{ message: string }>().message).toBe(
      'No feature NO-SUCH-POST in collection staff',
    );
  });
});
