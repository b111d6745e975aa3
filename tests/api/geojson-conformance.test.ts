/**
 * Every GeoJSON answer of the API as a GIS tool reads it: valid by an RFC 7946 checker the
 * project did not write, exterior rings counter-clockwise and holes clockwise (§3.1.6), one
 * geometry type per answer, and no property left out of a feature where another has it
 * (missing values are null).
 */
import { getIssues } from '@placemarkio/check-geojson';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../server/contract/routes.ts';
import { sessionAs } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';

/** The requests that cover each route answering a FeatureCollection. */
const REQUESTS: Record<string, string[]> = {
  '/api/areas': [
    ...['pianqu', 'shequ', 'xiaoqu'].map((level) => `?level=${level}`),
    // Simplified: a MultiPolygon left with one part must stay a MultiPolygon.
    ...['pianqu', 'xiaoqu'].flatMap((level) => [9, 13].map((z) => `?level=${level}&zoom=${z}`)),
  ],
  '/api/basemap': [''],
  '/api/issues/cells': ['?zoom=9', '?zoom=13', '?zoom=11&category=parking'],
  '/api/issues/escalations': [''],
  '/api/sites': [''],
  '/api/tourism/grid': [''],
  // OGC API – Features: each collection's items, whole paths (the route has a parameter).
  '/api/ogc/collections/:collectionId/items': [
    'chengqu',
    'pianqu',
    'shequ',
    'xiaoqu',
    'sites',
    'issues',
    'tourism',
  ].map((id) => `/api/ogc/collections/${id}/items?limit=1000`),
  // Staff posts need a login: the case below asks as a planner.
  '/api/ogc/collections/staff/items': [],
};

/** The routes whose answer is a FeatureCollection, read from the contract's schemas. */
function geojsonRoutes(): string[] {
  return API_ROUTES.filter((r) => {
    const ok = (r.schema.response as Record<number, { properties?: Record<string, unknown> }>)[200];
    return (ok?.properties?.type as { const?: string } | undefined)?.const === 'FeatureCollection';
  }).map((r) => r.url);
}

type Position = [number, number];
interface Geometry {
  type: string;
  coordinates: unknown;
}
interface Feature {
  type: 'Feature';
  properties: Record<string, unknown> | null;
  geometry: Geometry | null;
}
interface Collection {
  type: 'FeatureCollection';
  features: Feature[];
}

/** Twice the signed area of a ring (shoelace on degrees): positive when counter-clockwise. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  }
  return sum;
}

/** The polygons of a geometry, each as its rings (exterior first). */
function polygonsOf(g: Geometry): Position[][][] {
  if (g.type === 'Polygon') return [g.coordinates as Position[][]];
  if (g.type === 'MultiPolygon') return g.coordinates as Position[][][];
  return [];
}

/** What is wrong with a collection beyond what the checker sees; empty when nothing. */
function problems(body: Collection, oneType: (f: Feature) => string): string[] {
  const found: string[] = [];
  const types = new Map<string, Set<string>>();
  const keys = new Set<string>();
  for (const f of body.features) {
    for (const k of Object.keys(f.properties ?? {})) keys.add(k);
  }
  body.features.forEach((f, i) => {
    if (!f.geometry) return;
    const group = oneType(f);
    types.set(group, (types.get(group) ?? new Set()).add(f.geometry.type));
    polygonsOf(f.geometry).forEach((rings, p) =>
      rings.forEach((ring, r) => {
        const area = signedArea(ring);
        const wrong = r === 0 ? !(area > 0) : !(area < 0);
        if (wrong) {
          found.push(
            `feature ${i} polygon ${p} ring ${r}: signed area ${area} (${r === 0 ? 'exterior, must be counter-clockwise' : 'hole, must be clockwise'})`,
          );
        }
      }),
    );
    const absent = [...keys].filter((k) => !(k in (f.properties ?? {})));
    if (absent.length > 0) found.push(`feature ${i} leaves out ${absent.join(', ')}`);
  });
  for (const [group, set] of types) {
    if (set.size > 1) found.push(`${group || 'the answer'} mixes ${[...set].join(', ')}`);
  }
  return found;
}

/** Every FeatureCollection inside an answer (the planner's units nest theirs). */
function collectionsIn(value: unknown, at = ''): [string, Collection][] {
  if (!value || typeof value !== 'object') return [];
  if ((value as { type?: unknown }).type === 'FeatureCollection') {
    return [[at || '(root)', value as Collection]];
  }
  return Object.entries(value).flatMap(([k, v]) => collectionsIn(v, `${at}/${k}`));
}

describe('GeoJSON conformance (RFC 7946)', () => {
  const t = useTestApp();

  it('covers every route the contract answers with a FeatureCollection', () => {
    expect(geojsonRoutes().sort()).toEqual(Object.keys(REQUESTS).sort());
  });

  const requests = Object.entries(REQUESTS).flatMap(([url, queries]) =>
    queries.map((q) => (q.startsWith('/') ? q : `${url}${q}`)),
  );
  it.each(requests)('%s is valid GeoJSON with counter-clockwise exterior rings', async (url) => {
    const res = await t.app().inject(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(getIssues(res.body)).toEqual([]);
    const body = res.json<Collection>();
    expect(body.type).toBe('FeatureCollection');
    // The basemap is three layers in one answer (land, roads, landmarks): one type per layer.
    const group = url.startsWith('/api/basemap')
      ? (f: Feature) => String(f.properties?.layer)
      : () => '';
    expect(problems(body, group)).toEqual([]);
  });

  it('the OGC staff posts, read by a planner, are valid GeoJSON', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'planner');
    const res = await t.app().inject({
      url: '/api/ogc/collections/staff/items?limit=1000',
      headers: { cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(getIssues(res.body)).toEqual([]);
    const body = res.json<Collection>();
    expect(body.features.length).toBeGreaterThan(0);
    expect(problems(body, () => '')).toEqual([]);
  });

  it('the planner’s unit shapes and edges are valid GeoJSON with counter-clockwise rings', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'planner');
    const res = await t.app().inject({ url: '/api/planner/units', headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const collections = collectionsIn(res.json());
    expect(collections.length).toBeGreaterThan(0);
    for (const [at, collection] of collections) {
      expect(getIssues(JSON.stringify(collection)), at).toEqual([]);
      expect(
        problems(collection, () => ''),
        at,
      ).toEqual([]);
    }
  });
});
