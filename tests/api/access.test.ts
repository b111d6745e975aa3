/**
 * Who may read what: every data route for every role, each answer holding what that role may see
 * and nothing more.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ROUTE_SCOPES } from '../../server/auth/route-scopes.ts';
import type { Peak, XiaoquProfile } from '../../server/contract/index.ts';
import type { Db } from '../../server/db/db.ts';
import { createUser, kioskSession, login } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';

type Who = 'anonymous' | 'screen' | 'official' | 'official-out' | 'planner' | 'admin';
/** `official` holds the 片区 every concrete request points into; `official-out` another one. */
const WHO: Who[] = ['anonymous', 'screen', 'official', 'official-out', 'planner', 'admin'];
const RANK: Record<string, number> = {
  none: -1,
  public: 0,
  screen: 1,
  official: 2,
  planner: 3,
  admin: 4,
};
const WHO_RANK: Record<Who, number> = {
  anonymous: 0,
  screen: 1,
  official: 2,
  'official-out': 2,
  planner: 3,
  admin: 4,
};
/** A local time at which staff are on duty (a weekday morning in the record's season). */
const AT = '2026-08-03T10:00';
/** A marker no real data contains, planted as an issue's reporter. */
const NAME = '矩阵测试王某某';
const PHONE = '13900005678';

/** The demo rows the requests point at, read from the database each case. */
interface Fixture {
  /** The 片区 of `official`. */
  pianqu: string;
  /** A 小区 in it with staff posts (coastal when one is: its profile then has peak mode). */
  xiaoqu: string;
  /** An issue in it. */
  issue: { id: number; xiaoqu: string };
  /** The 片区 of `official-out`: another one with staff posts. */
  otherPianqu: string;
  /** A staff post in `xiaoqu`. */
  staffPost: string;
  /** The extent [w, s, e, n] of the staff posts of `pianqu` and of `otherPianqu`. */
  staffExtent: Record<string, number[]>;
  allXiaoqu: string[];
  allAreas: string[];
  /** Each 片区's own code, its 社区 and its 小区, from the lineage view. */
  within: (pianqu: string) => Set<string>;
}

async function fixture(db: Db): Promise<Fixture> {
  const pianqu = 'PQ01';
  const [x] = await db.query<{ code: string }>(
    `SELECT l.xiaoqu_code AS code FROM xiaoqu_lineage l JOIN area a ON a.code = l.xiaoqu_code
     WHERE l.pianqu_code = $1 AND EXISTS (SELECT 1 FROM staff s WHERE s.xiaoqu_code = l.xiaoqu_code)
     ORDER BY a.compound_type = 'coastal' DESC, l.xiaoqu_code LIMIT 1`,
    [pianqu],
  );
  const [issue] = await db.query<{ id: number; xiaoqu: string }>(
    `SELECT i.id, i.xiaoqu_code AS xiaoqu FROM issue i
     JOIN xiaoqu_lineage l ON l.xiaoqu_code = i.xiaoqu_code
     WHERE l.pianqu_code = $1
       AND NOT EXISTS (SELECT 1 FROM issue_reporter r WHERE r.issue_id = i.id)
     ORDER BY i.id LIMIT 1`,
    [pianqu],
  );
  const [other] = await db.query<{ code: string }>(
    `SELECT l.pianqu_code AS code FROM staff s JOIN xiaoqu_lineage l ON l.xiaoqu_code = s.xiaoqu_code
     WHERE l.pianqu_code <> $1 ORDER BY 1 LIMIT 1`,
    [pianqu],
  );
  const lineage = await db.query<{ x: string; s: string; p: string }>(
    'SELECT xiaoqu_code AS x, shequ_code AS s, pianqu_code AS p FROM xiaoqu_lineage',
  );
  const areas = await db.query<{ code: string }>('SELECT code FROM area');
  const [post] = await db.query<{ code: string }>(
    'SELECT code FROM staff WHERE xiaoqu_code = $1 ORDER BY code LIMIT 1',
    [x!.code],
  );
  const extents = await db.query<{ p: string; w: number; s: number; e: number; n: number }>(
    `SELECT l.pianqu_code AS p, ST_XMin(ST_Extent(a.label_point))::float8 AS w,
            ST_YMin(ST_Extent(a.label_point))::float8 AS s,
            ST_XMax(ST_Extent(a.label_point))::float8 AS e,
            ST_YMax(ST_Extent(a.label_point))::float8 AS n
     FROM staff st JOIN xiaoqu_lineage l ON l.xiaoqu_code = st.xiaoqu_code
     JOIN area a ON a.code = st.xiaoqu_code WHERE l.pianqu_code = ANY($1) GROUP BY 1`,
    [[pianqu, other!.code]],
  );
  return {
    pianqu,
    xiaoqu: x!.code,
    issue: issue!,
    otherPianqu: other!.code,
    staffPost: post!.code,
    staffExtent: Object.fromEntries(extents.map((r) => [r.p, [r.w, r.s, r.e, r.n]])),
    allXiaoqu: lineage.map((r) => r.x),
    allAreas: areas.map((a) => a.code),
    within: (p) => new Set([p, ...lineage.filter((r) => r.p === p).flatMap((r) => [r.s, r.x])]),
  };
}

/** A concrete request for each route template; ids point at real rows of the demo data. */
function concrete(
  method: string,
  url: string,
  f: Fixture,
): { method: string; url: string; payload?: unknown } {
  const path = url
    .replace(':layer', 'shequ')
    .replace(':z', '12')
    .replace(':x', '3435')
    .replace(':y.mvt', '1549.mvt')
    .replace(':code', url.startsWith('/api/areas/:code/profile') ? f.xiaoqu : f.pianqu)
    .replace(
      ':featureId',
      url.startsWith('/api/ogc/collections/staff/') ? f.staffPost : ':featureId',
    )
    .replace(':id', url === '/api/issues/:id' ? String(f.issue.id) : '1')
    .replace(':level', 'pianqu')
    .replace(':theme', 'light')
    .replace(':file', 'noto-sans-sc-latin-400-normal.woff2');
  const query: Record<string, string> = {
    '/api/areas': '?level=pianqu',
    '/api/staff': `?area=${f.pianqu}`,
    '/api/staff/duty': `?area=${f.pianqu}&at=${AT}`,
    '/api/tourism/peak': `?at=${AT}`,
    '/api/tourism/pressure': '?month=8&hour=10',
    '/api/issues/cells': '?zoom=10',
    '/api/sites/coverage': '?distance=500',
    '/api/figures': `?codes=${f.pianqu}`,
    '/api/compare': `?codes=${f.pianqu},${f.otherPianqu}`,
    '/api/search': '?q=x&limit=50',
    '/api/ogc/collections/staff/items': '?limit=1000',
  };
  const payload: Record<string, unknown> = {
    'POST /api/auth/login': { username: 'nobody', password: 'x' },
    'POST /api/auth/kiosk': { token: 'x'.repeat(30) },
    'POST /api/admin/users': {
      username: 'u',
      displayName: 'u',
      role: 'planner',
      password: 'short',
    },
    'PATCH /api/admin/users/:id': { displayName: 'x', disabled: false },
    'POST /api/admin/kiosk-tokens': { label: 'matrix' },
  };
  return { method, url: path + (query[url] ?? ''), payload: payload[`${method} ${url}`] };
}

/**
 * For every route holding per-area detail: the areas whose detail its concrete request asks
 * for, and those whose detail came back. A new such route without a probe fails the matrix.
 */
const PROBES: Record<
  string,
  {
    targets: (f: Fixture) => string[];
    shown: (res: LightMyRequestResponse, f: Fixture) => string[];
  }
> = {
  'GET /api/issues/:id': {
    targets: (f) => [f.issue.xiaoqu],
    shown: (res, f) => (res.statusCode === 200 ? [f.issue.xiaoqu] : []),
  },
  'GET /api/staff': {
    targets: (f) => [f.pianqu],
    shown: (res, f) => (res.statusCode === 200 ? [f.pianqu] : []),
  },
  'GET /api/staff/duty': {
    targets: (f) => [f.pianqu],
    shown: (res, f) => (res.statusCode === 200 ? [f.pianqu] : []),
  },
  'GET /api/tourism/peak': {
    targets: (f) => f.allXiaoqu,
    shown: (res) => {
      const peak = res.json() as Peak;
      for (const x of peak.xiaoqu) expect(x.short === null, x.code).toBe(x.staffOnDuty === null);
      return peak.xiaoqu.filter((x) => x.staffOnDuty !== null).map((x) => x.code);
    },
  },
  'GET /api/ogc/collections': {
    targets: (f) => [f.pianqu, f.otherPianqu],
    shown: staffExtentCovers,
  },
  'GET /api/ogc/collections/staff': {
    targets: (f) => [f.pianqu, f.otherPianqu],
    shown: staffExtentCovers,
  },
  'GET /api/ogc/collections/staff/items': {
    targets: (f) => [f.pianqu, f.otherPianqu],
    shown: staffPageHolds,
  },
  'GET /api/ogc/collections/staff/items/:featureId': {
    targets: (f) => [f.pianqu],
    shown: (res, f) => (res.statusCode === 200 ? [f.pianqu] : []),
  },
  'GET /api/areas/:code/profile': {
    targets: (f) => [f.xiaoqu],
    shown: (res, f) => {
      const p = res.json() as XiaoquProfile;
      if (p.peak) expect(p.peak.staffOnDuty === null).toBe(p.staff === null);
      return p.staff === null ? [] : [f.xiaoqu];
    },
  },
};

/**
 * The 片区 whose staff posts lie within the OGC staff collection's extent, in a list of
 * collections or alone (none without the collection): its extent is of the posts the caller
 * reads, so it covers a 片区's posts exactly where the caller may read them.
 */
function staffExtentCovers(res: LightMyRequestResponse, f: Fixture): string[] {
  if (res.statusCode !== 200) return [];
  type Collection = { id: string; extent: { spatial: { bbox: number[][] } } };
  const body = res.json<Collection | { collections: Collection[] }>();
  const staff = 'collections' in body ? body.collections.find((c) => c.id === 'staff') : body;
  if (!staff) return [];
  const [w, s, e, n] = staff.extent.spatial.bbox[0]!;
  const eps = 1e-6;
  return [f.pianqu, f.otherPianqu].filter((p) => {
    const [pw, ps, pe, pn] = f.staffExtent[p]!;
    return pw! >= w! - eps && ps! >= s! - eps && pe! <= e! + eps && pn! <= n! + eps;
  });
}

/** The 片区 of the OGC staff posts a page holds. */
function staffPageHolds(res: LightMyRequestResponse, f: Fixture): string[] {
  if (res.statusCode !== 200) return [];
  const page = res.json<{ features: { properties: { xiaoquCode: string } }[] }>();
  return [f.pianqu, f.otherPianqu].filter((p) =>
    page.features.some((ft) => f.within(p).has(ft.properties.xiaoquCode)),
  );
}

function coverage(who: Who, f: Fixture): Set<string> {
  if (who === 'official') return f.within(f.pianqu);
  if (who === 'official-out') return f.within(f.otherPianqu);
  if (who === 'planner' || who === 'admin') return new Set(f.allAreas);
  return new Set();
}

const dataRoutes = (app: FastifyInstance) =>
  app.routeTable
    .filter((r) => /^\/(api|tiles|styles|fonts)\//.test(r.url))
    // Logging out ends the session the remaining requests need: check it last.
    .sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));

describe('access: every route, every role', () => {
  const t = useTestApp({ publicDemo: true });

  it('declares access on every data route', () => {
    const data = t.app().routeTable.filter((r) => /^\/(api|tiles|styles|fonts)\//.test(r.url));
    expect(data.length).toBeGreaterThan(10);
    for (const r of data) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });

  it('decides for every data route what its answer holds, and for no other', () => {
    const routes = dataRoutes(t.app()).map((r) => `${r.method} ${r.url}`);
    for (const key of routes) {
      expect(ROUTE_SCOPES[key], `${key}: no decision in server/auth/route-scopes.ts`).toBeDefined();
    }
    expect(Object.keys(ROUTE_SCOPES).filter((k) => !routes.includes(k))).toEqual([]);
    for (const [key, decision] of Object.entries(ROUTE_SCOPES)) {
      if (decision.holds === 'area-detail') expect(PROBES[key], `${key}: no probe`).toBeDefined();
    }
  });

  it.each(WHO)(
    'gives %s exactly what its role and area allow, inside and outside the area',
    async (who) => {
      const app = t.app();
      const db = t.db();
      const f = await fixture(db);
      await db.query(
        'INSERT INTO issue_reporter (issue_id, reporter_name, reporter_phone) VALUES ($1, $2, $3)',
        [f.issue.id, NAME, PHONE],
      );
      try {
        let user: { username: string } | null = null;
        let cookie: string | undefined;
        if (who === 'screen') cookie = await kioskSession(app, db);
        else if (who !== 'anonymous') {
          const role = who === 'official-out' ? 'official' : who;
          const area =
            who === 'official' ? f.pianqu : who === 'official-out' ? f.otherPianqu : null;
          const u = await createUser(db, role, area);
          user = u;
          cookie = await login(app, u.username, u.password);
        }
        const seen = coverage(who, f);
        const send = (req: ReturnType<typeof concrete>, withCookie: boolean) =>
          app.inject({
            method: req.method as 'GET',
            url: req.url,
            payload: req.payload as object | undefined,
            headers: withCookie && cookie ? { cookie } : {},
          });
        for (const r of dataRoutes(app)) {
          const key = `${r.method} ${r.url}`;
          const decision = ROUTE_SCOPES[key]!;
          const req = concrete(r.method, r.url, f);
          const res = await send(req, true);
          const allowed = WHO_RANK[who] >= RANK[r.access!]!;
          const label = `${who} ${r.method} ${req.url} → ${res.statusCode} ${res.body.slice(0, 120)}`;
          expect(res.statusCode, label).toBeLessThan(500);

          if (decision.holds === 'area-detail') {
            const probe = PROBES[key]!;
            const expected = probe.targets(f).filter((c) => seen.has(c));
            const whole = expected.length === probe.targets(f).length;
            if (!allowed) expect([401, 403], label).toContain(res.statusCode);
            else if (decision.outside === 'withheld' || whole)
              expect(res.statusCode, label).toBe(200);
            else {
              // Refused the same way for every single item: 403 naming the caller's area.
              expect(res.statusCode, label).toBe(403);
              expect(res.json().message, label).toContain(
                who === 'official-out' ? f.otherPianqu : 'official of its area',
              );
            }
            expect(probe.shown(res, f).sort(), label).toEqual(expected.sort());
          } else if (allowed) {
            // Admitted: whatever the answer, it is not a refusal of the role (a wrong login
            // password or a missing kiosk token are 401s of their own).
            if (!r.url.startsWith('/api/auth/'))
              expect([401, 403], label).not.toContain(res.statusCode);
          } else {
            expect([401, 403], label).toContain(res.statusCode);
          }

          if (decision.holds === 'zone') expect(RANK[r.access!], key).toBeGreaterThanOrEqual(3);
          if (decision.holds === 'own') expect(r.url, key).toMatch(/^\/api\/auth\//);
          if (decision.holds === 'aggregates' && allowed && who !== 'anonymous') {
            // Every role gets the visitor's answer; asked again if the clock moved in between.
            const before = await send(req, false);
            const same = (other: LightMyRequestResponse) =>
              other.statusCode === res.statusCode && other.rawPayload.equals(res.rawPayload);
            expect(same(before) || same(await send(req, false)), label).toBe(true);
          }

          // A person's name or phone only ever leaves in an answer no cache may keep.
          const body = res.rawPayload.toString('utf8');
          const names = [NAME, PHONE, ...(user ? [user.username] : [])];
          if (names.some((n) => body.includes(n))) {
            expect(decision.personal, `${label}: names a person`).toBe(true);
          }
          if (decision.personal) expect(res.headers['cache-control'], label).toBe('no-store');
        }
      } finally {
        await db.query('DELETE FROM issue_reporter WHERE reporter_name = $1', [NAME]);
      }
    },
  );
});
