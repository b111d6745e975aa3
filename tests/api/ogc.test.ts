/** OGC API – Features (Part 1, Core and GeoJSON): answers checked against SQL of their own. */
import { describe, expect, it } from 'vitest';
import { OGC_DEFAULT_LIMIT, OGC_MAX_LIMIT } from '../../server/contract/index.ts';
import { sqlCount, useTestApp } from '../support/test-app.ts';

interface Link {
  href: string;
  rel: string;
  type?: string;
}
interface Items {
  type: string;
  features: { id: string; geometry: unknown; properties: Record<string, unknown> }[];
  numberMatched: number;
  numberReturned: number;
  links: Link[];
}

const BASE = '/api/ogc';
const relOf = (links: Link[], rel: string) => links.find((l) => l.rel === rel);
/** The path and query of a link, for app.inject (links are absolute, on the request's host). */
const pathOf = (href: string) => {
  const url = new URL(href);
  return url.pathname + url.search;
};

describe('OGC API – Features', () => {
  const t = useTestApp();
  const get = (url: string) =>
    t.app().inject({ method: 'GET', url, headers: { host: 'gis.example:8080' } });

  it('has a landing page, conformance and collections, with links on the request’s host', async () => {
    const landing = await get(BASE);
    expect(landing.statusCode).toBe(200);
    expect(landing.headers['content-type']).toMatch(/^application\/json/);
    const links = landing.json<{ links: Link[] }>().links;
    expect(relOf(links, 'conformance')?.href).toBe('http://gis.example:8080/api/ogc/conformance');
    expect(relOf(links, 'data')?.href).toBe('http://gis.example:8080/api/ogc/collections');

    expect(relOf(links, 'service-desc')?.href).toBe('http://gis.example:8080/api/ogc/api');
    const api = await get(`${BASE}/api`);
    expect(api.statusCode).toBe(200);
    expect(api.headers['content-type']).toMatch(/^application\/vnd\.oai\.openapi\+json/);
    const doc = api.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\.0/);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/ogc/collections',
        '/api/ogc/collections/{collectionId}/items',
        '/api/ogc/collections/{collectionId}/items/{featureId}',
      ]),
    );

    const conformance = (await get(`${BASE}/conformance`)).json<{ conformsTo: string[] }>();
    expect(conformance.conformsTo).toContain(
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
    );
    expect(conformance.conformsTo).toContain(
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
    );

    const collections = (await get(`${BASE}/collections`)).json<{
      collections: { id: string; links: Link[]; extent: { spatial: { bbox: number[][] } } }[];
    }>().collections;
    expect(collections.map((c) => c.id)).toEqual([
      'chengqu',
      'pianqu',
      'shequ',
      'xiaoqu',
      'sites',
      'issues',
      'tourism',
    ]);
    const pianqu = collections.find((c) => c.id === 'pianqu')!;
    expect(relOf(pianqu.links, 'items')).toEqual(
      expect.objectContaining({
        href: 'http://gis.example:8080/api/ogc/collections/pianqu/items',
        type: 'application/geo+json',
      }),
    );
    const [row] = await t.db().query<{ w: number; s: number; e: number; n: number }>(
      `SELECT ST_XMin(x)::float8 AS w, ST_YMin(x)::float8 AS s, ST_XMax(x)::float8 AS e,
              ST_YMax(x)::float8 AS n FROM (SELECT ST_Extent(geom) AS x FROM area WHERE level = 'pianqu') q`,
    );
    const [w, s, e, n] = pianqu.extent.spatial.bbox[0]!;
    expect([w, s, e, n]).toEqual([row!.w, row!.s, row!.e, row!.n].map((v) => expect.closeTo(v, 6)));

    const one = await get(`${BASE}/collections/sites`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: 'sites', title: '邻里之家', itemType: 'feature' });
  });

  it('serves every level’s areas as GeoJSON with the figures engine’s figures', async () => {
    for (const level of ['chengqu', 'pianqu', 'shequ', 'xiaoqu']) {
      const res = await get(`${BASE}/collections/${level}/items?limit=${OGC_MAX_LIMIT}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
      const body = res.json<Items>();
      const n = await sqlCount(t.db(), `SELECT count(*)::int AS n FROM area WHERE level = $1`, [
        level,
      ]);
      expect(body.numberMatched).toBe(n);
      expect(body.numberReturned).toBe(Math.min(n, OGC_MAX_LIMIT));
      expect(body.features[0]!.properties).toEqual(
        expect.objectContaining({
          name: expect.any(String),
          level,
          population: expect.any(Number),
        }),
      );
    }
    // Population and unresolved issues of each 片区, summed from its 小区 by SQL of this test's own.
    const body = (await get(`${BASE}/collections/pianqu/items`)).json<Items>();
    const rows = await t.db().query<{ code: string; population: number; unresolved: number }>(
      `SELECT l.pianqu_code AS code, sum(coalesce(x.population, 0))::int AS population,
              (SELECT count(*)::int FROM issue i JOIN xiaoqu_lineage m ON m.xiaoqu_code = i.xiaoqu_code
                WHERE m.pianqu_code = l.pianqu_code AND i.status <> 'resolved') AS unresolved
       FROM xiaoqu_lineage l JOIN area x ON x.code = l.xiaoqu_code GROUP BY l.pianqu_code`,
    );
    expect(body.features.length).toBeGreaterThan(0);
    for (const f of body.features) {
      const want = rows.find((r) => r.code === f.id);
      expect(f.properties.population).toBe(want?.population ?? 0);
      expect(f.properties.issuesUnresolved).toBe(want?.unresolved ?? 0);
      expect(f.properties).toHaveProperty('compoundType', null);
    }
  });

  it('writes exterior rings counter-clockwise, in WGS 84', async () => {
    const body = (
      await get(`${BASE}/collections/xiaoqu/items?limit=${OGC_MAX_LIMIT}`)
    ).json<Items>();
    const geometries = body.features.map((f) => JSON.stringify(f.geometry));
    const clockwise = await sqlCount(
      t.db(),
      `SELECT count(*)::int AS n FROM unnest($1::text[]) g
       WHERE NOT ST_IsPolygonCCW(ST_GeomFromGeoJSON(g))`,
      [geometries],
    );
    expect(clockwise).toBe(0);
    const outside = await sqlCount(
      t.db(),
      `SELECT count(*)::int AS n FROM unnest($1::text[]) g
       WHERE NOT ST_Within(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326), ST_MakeEnvelope(-180, -90, 180, 90, 4326))`,
      [geometries],
    );
    expect(outside).toBe(0);
  });

  it('pages with limit, next and prev, and every feature comes once', async () => {
    const total = await sqlCount(
      t.db(),
      `SELECT count(*)::int AS n FROM area WHERE level = 'xiaoqu'`,
    );
    const limit = Math.max(1, Math.ceil(total / 3));
    let url: string | undefined = `${BASE}/collections/xiaoqu/items?limit=${limit}`;
    const seen: string[] = [];
    let pages = 0;
    while (url) {
      const body: Items = (await get(url)).json<Items>();
      expect(body.numberMatched).toBe(total);
      expect(body.numberReturned).toBe(body.features.length);
      expect(body.features.length).toBeLessThanOrEqual(limit);
      if (pages > 0) expect(relOf(body.links, 'prev')).toBeDefined();
      else expect(relOf(body.links, 'prev')).toBeUndefined();
      seen.push(...body.features.map((f) => f.id));
      const next = relOf(body.links, 'next');
      url = next ? pathOf(next.href) : undefined;
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(total / limit));
    expect(new Set(seen).size).toBe(total);
    const [row] = await t
      .db()
      .query<{ codes: string[] }>(
        `SELECT array_agg(code ORDER BY code) AS codes FROM area WHERE level = 'xiaoqu'`,
      );
    expect(seen).toEqual(row!.codes);

    const first = (await get(`${BASE}/collections/xiaoqu/items`)).json<Items>();
    expect(first.numberReturned).toBe(Math.min(total, OGC_DEFAULT_LIMIT));
  });

  it('filters by bbox as SQL’s ST_Intersects does, and by property equality', async () => {
    const [box] = await t.db().query<{ w: number; s: number; e: number; n: number }>(
      `SELECT ST_XMin(x)::float8 AS w, ST_YMin(x)::float8 AS s, ST_XMax(x)::float8 AS e,
              ST_YMax(x)::float8 AS n FROM (SELECT ST_Extent(geom) AS x FROM area WHERE level = 'xiaoqu') q`,
    );
    // The south-west quarter of the 小区' extent.
    const bbox = [box!.w, box!.s, (box!.w + box!.e) / 2, (box!.s + box!.n) / 2];
    const body = (
      await get(`${BASE}/collections/xiaoqu/items?limit=${OGC_MAX_LIMIT}&bbox=${bbox.join(',')}`)
    ).json<Items>();
    const want = await sqlCount(
      t.db(),
      `SELECT count(*)::int AS n FROM area WHERE level = 'xiaoqu'
         AND ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))`,
      bbox,
    );
    expect(body.numberMatched).toBe(want);
    expect(body.numberMatched).toBeGreaterThan(0);
    expect(relOf(body.links, 'self')!.href).toContain(`bbox=${encodeURIComponent(bbox.join(','))}`);

    const [parent] = await t
      .db()
      .query<{ code: string }>(
        `SELECT code FROM area WHERE level = 'pianqu' ORDER BY code LIMIT 1`,
      );
    const children = (
      await get(`${BASE}/collections/shequ/items?parent=${parent!.code}`)
    ).json<Items>();
    expect(children.numberMatched).toBe(
      await sqlCount(t.db(), `SELECT count(*)::int AS n FROM area WHERE parent_code = $1`, [
        parent!.code,
      ]),
    );
    expect(children.features.every((f) => f.properties.parentCode === parent!.code)).toBe(true);
  });

  it('serves 邻里之家 as points, and one feature by its id', async () => {
    const body = (
      await get(`${BASE}/collections/sites/items?limit=${OGC_MAX_LIMIT}`)
    ).json<Items>();
    expect(body.numberMatched).toBe(await sqlCount(t.db(), `SELECT count(*)::int AS n FROM site`));
    const [site] = await t
      .db()
      .query<{ code: string; name: string; lon: number; lat: number }>(
        `SELECT code, name, ST_X(geom)::float8 AS lon, ST_Y(geom)::float8 AS lat FROM site ORDER BY code LIMIT 1`,
      );
    const one = await get(`${BASE}/collections/sites/items/${site!.code}`);
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-type']).toMatch(/^application\/geo\+json/);
    const feature = one.json<{
      id: string;
      geometry: { type: string; coordinates: number[] };
      properties: Record<string, unknown>;
    }>();
    expect(feature.id).toBe(site!.code);
    expect(feature.properties.name).toBe(site!.name);
    expect(feature.geometry.type).toBe('Point');
    expect(feature.geometry.coordinates[0]).toBeCloseTo(site!.lon, 5);
    expect(feature.geometry.coordinates[1]).toBeCloseTo(site!.lat, 5);
  });

  it('serves issue points without personal data, filtered by datetime as SQL counts', async () => {
    const [bounds] = await t.db().query<{ mid: string; last: string }>(
      `SELECT to_char((min(reported_at) + (max(reported_at) - min(reported_at)) / 2) AT TIME ZONE 'UTC',
                      'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS mid,
              to_char(max(reported_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS last FROM issue`,
    );
    const cases: [string, string, unknown[]][] = [
      [`../${bounds!.mid}`, `reported_at <= $1::timestamptz`, [bounds!.mid]],
      [`${bounds!.mid}/..`, `reported_at >= $1::timestamptz`, [bounds!.mid]],
      [
        bounds!.last,
        `reported_at >= ($1::date)::timestamp AT TIME ZONE 'UTC'
         AND reported_at < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'`,
        [bounds!.last],
      ],
    ];
    for (const [datetime, where, params] of cases) {
      const body = (
        await get(`${BASE}/collections/issues/items?datetime=${encodeURIComponent(datetime)}`)
      ).json<Items>();
      const want = await sqlCount(
        t.db(),
        `SELECT count(*)::int AS n FROM issue WHERE ${where}`,
        params,
      );
      expect(body.numberMatched, datetime).toBe(want);
      expect(want, datetime).toBeGreaterThan(0);
    }
    const all = (await get(`${BASE}/collections/issues/items?limit=5`)).json<Items>();
    expect(all.numberMatched).toBe(await sqlCount(t.db(), `SELECT count(*)::int AS n FROM issue`));
    for (const f of all.features) {
      expect(Object.keys(f.properties).sort()).toEqual([
        'category',
        'handlingLevel',
        'reportedAt',
        'resolvedAt',
        'status',
        'xiaoquCode',
      ]);
      if (f.properties.status !== 'resolved') expect(f.properties.resolvedAt).toBeNull();
    }
    const one = await get(`${BASE}/collections/issues/items/${all.features[0]!.id}`);
    expect(one.json<{ id: string }>().id).toBe(all.features[0]!.id);
    for (const [query, message] of [
      [
        'datetime=2025-02-30',
        'datetime (2025-02-30) must be an RFC 3339 date-time or date, or an interval of them with .. for an open end',
      ],
      ['datetime=2025-03-01/2025-02-01', 'datetime (2025-03-01/2025-02-01) starts after it ends'],
      [
        'datetime=..',
        'datetime (..) must be an RFC 3339 date-time or date, or an interval of them with .. for an open end',
      ],
    ]) {
      const res = await get(`${BASE}/collections/issues/items?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ message: string }>().message, query).toBe(message);
    }
  });

  it('serves the tourism cells with their busiest hour, as SQL finds it', async () => {
    const items = (
      await get(`${BASE}/collections/tourism/items?limit=${OGC_MAX_LIMIT}`)
    ).json<Items>();
    const cells = await sqlCount(t.db(), `SELECT count(*)::int AS n FROM tourism_cell`);
    expect(items.numberMatched).toBe(cells);
    const [busiest] = await t
      .db()
      .query<{ cell_id: string; visitors: number }>(
        `SELECT cell_id, visitors FROM tourism_pressure ORDER BY visitors DESC, cell_id LIMIT 1`,
      );
    const one = await get(`${BASE}/collections/tourism/items/${busiest!.cell_id}`);
    expect(one.statusCode).toBe(200);
    const props = one.json<{ properties: Record<string, unknown> }>().properties;
    expect(props.peakVisitors).toBe(busiest!.visitors);
  });

  it('answers 404 for an unknown collection or feature, naming it', async () => {
    const notIssue = await get(`${BASE}/collections/issues/items/1x`);
    expect(notIssue.statusCode).toBe(404);
    expect(notIssue.json<{ message: string }>().message).toBe('No feature 1x in collection issues');
    for (const url of [`${BASE}/collections/nope`, `${BASE}/collections/nope/items`]) {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.json<{ message: string }>().message).toContain('No collection nope');
    }
    const res = await get(`${BASE}/collections/pianqu/items/NOPE`);
    expect(res.statusCode).toBe(404);
    expect(res.json<{ message: string }>().message).toBe('No feature NOPE in collection pianqu');
  });

  it('answers 400 for a bad bbox, limit or offset, naming the problem', async () => {
    const cases: [string, string][] = [
      ['bbox=1,2,3', 'bbox must be minLon,minLat,maxLon,maxLat: 4 numbers, not 3'],
      ['bbox=3,2,1,4', 'bbox minLon (3) must be less than maxLon (1)'],
      ['bbox=a,2,3,4', 'bbox minLon (a) is not a number'],
      ['limit=0', `limit (0) must be within 1..${OGC_MAX_LIMIT}`],
      [
        `limit=${OGC_MAX_LIMIT + 1}`,
        `limit (${OGC_MAX_LIMIT + 1}) must be within 1..${OGC_MAX_LIMIT}`,
      ],
      ['limit=ten', 'limit (ten) must be a whole number'],
      ['offset=-1', 'offset (-1) must be a whole number'],
      ['xiaoqu=XQ1', 'xiaoqu filters sites and issues, not pianqu'],
      ['datetime=2025-01-01', 'datetime filters issues, not pianqu'],
    ];
    for (const [query, message] of cases) {
      const res = await get(`${BASE}/collections/pianqu/items?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ message: string }>().message, query).toBe(message);
    }
  });
});

describe('OGC API – Features when the open demo is off', () => {
  const t = useTestApp({ publicDemo: false });

  it('refuses anonymous callers, as the rest of the API does', async () => {
    for (const url of [`${BASE}/collections`, `${BASE}/collections/pianqu/items`]) {
      const res = await t.app().inject({ method: 'GET', url });
      expect(res.statusCode).toBe(401);
    }
  });
});
