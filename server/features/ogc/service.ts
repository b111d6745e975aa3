import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  OGC_DEFAULT_LIMIT,
  OGC_MAX_LIMIT,
  type AreaFigures,
  type OgcCollection,
  type OgcFeature,
  type OgcItems,
  type OgcItemsQuery,
  type OgcLink,
} from '../../contract/index.ts';
import { parseBbox } from '../../contract/bbox.ts';
import { ogcRoutes } from '../../contract/ogc.ts';
import { allows, areaScope, detailScope, type AreaScope } from '../../auth/roles.ts';
import { figuresRepository } from '../figures/repository.ts';
import { ogcRepository, type OgcRow, type PageQuery } from './repository.ts';

export const GEOJSON = 'application/geo+json';
export const JSON_TYPE = 'application/json';
export const OPENAPI = 'application/vnd.oai.openapi+json;version=3.0';
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

/** A collection served: its id, its words, and which rows it reads. */
interface CollectionDef {
  id: string;
  title: string;
  description: string;
  /** An area level, the 邻里之家 or the issue points. */
  source:
    | { level: 'chengqu' | 'pianqu' | 'shequ' | 'xiaoqu' }
    | { points: 'sites' }
    | { points: 'issues' }
    | { points: 'staff' }
    | { cells: 'tourism' };
}

const AREA_WORDS = 'with their figures from the figures engine (all time, unfiltered)';
export const COLLECTIONS: readonly CollectionDef[] = [
  {
    id: 'chengqu',
    title: '城区',
    description: `The zone ${AREA_WORDS}`,
    source: { level: 'chengqu' },
  },
  { id: 'pianqu', title: '片区', description: `片区 ${AREA_WORDS}`, source: { level: 'pianqu' } },
  { id: 'shequ', title: '社区', description: `社区 ${AREA_WORDS}`, source: { level: 'shequ' } },
  { id: 'xiaoqu', title: '小区', description: `小区 ${AREA_WORDS}`, source: { level: 'xiaoqu' } },
  {
    id: 'sites',
    title: '邻里之家',
    description: 'Neighbourhood sites (邻里之家): points with their rooms and services',
    source: { points: 'sites' },
  },
  {
    id: 'issues',
    title: '问题',
    description:
      'Reported issues as points, without personal data (as the public issue tiles): ' +
      'category, status, handling level, when reported and resolved, the 小区; `datetime` ' +
      'filters the reporting time',
    source: { points: 'issues' },
  },
  {
    id: 'tourism',
    title: '旅游压力',
    description:
      'Tourism cells (hexagons) with the busiest hour of their year: peakVisitors, and the ' +
      'month and hour it falls in (null where no visitors were counted)',
    source: { cells: 'tourism' },
  },
];

/**
 * The staff posts, apart from COLLECTIONS: their routes are their own, with the access of
 * `GET /api/staff`, and each answer is cut to the caller's area by the same scoping rule.
 */
export const STAFF_COLLECTION: CollectionDef = {
  id: 'staff',
  title: '下沉人员',
  description:
    'Staff sent down, one point per post at the label point of its 小区: code, department, ' +
    '小区 and duty schedule, as the staff overlay shows them (no name); an official reads ' +
    'the posts of their own area',
  source: { points: 'staff' },
};

/** The API's root as the caller reached it (its host, and the proxy's scheme when trusted). */
export function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/api/ogc`;
}

const link = (href: string, rel: string, type: string, title?: string): OgcLink =>
  title === undefined ? { href, rel, type } : { href, rel, type, title };

export function landingPage(request: FastifyRequest) {
  const base = baseUrl(request);
  return {
    title: '片区一张图 (Pianqu Atlas)',
    description: 'OGC API – Features: the zone’s areas with their figures, and 邻里之家',
    links: [
      link(base, 'self', JSON_TYPE, 'This document'),
      link(`${base}/api`, 'service-desc', OPENAPI, 'The API definition (OpenAPI 3.0)'),
      link(`${base}/conformance`, 'conformance', JSON_TYPE, 'Conformance classes'),
      link(`${base}/collections`, 'data', JSON_TYPE, 'Collections'),
    ],
  };
}

export function ogcService(app: FastifyInstance) {
  const repo = ogcRepository(app.db);
  const figures = figuresRepository(app.db);

  function find(id: string): CollectionDef {
    const def = COLLECTIONS.find((c) => c.id === id);
    if (!def) {
      throw app.httpErrors.notFound(
        `No collection ${id}; the collections are ${COLLECTIONS.map((c) => c.id).join(', ')}`,
      );
    }
    return def;
  }

  async function describe(
    def: CollectionDef,
    base: string,
    within: readonly string[] | null = null,
  ): Promise<OgcCollection> {
    const e = await repo.extent(sourceName(def), within);
    const box =
      e && e.west !== null ? [[e.west, e.south!, e.east!, e.north!]] : [[-180, -90, 180, 90]];
    const self = `${base}/collections/${def.id}`;
    return {
      id: def.id,
      title: def.title,
      description: def.description,
      itemType: 'feature',
      crs: [CRS84],
      extent: { spatial: { bbox: box, crs: CRS84 } },
      links: [
        link(self, 'self', JSON_TYPE, def.title),
        link(`${self}/items`, 'items', GEOJSON, `${def.title} features`),
      ],
    };
  }

  /** The figures engine's figures of each area, flattened to scalar properties. */
  async function withFigures(rows: OgcRow[]): Promise<OgcRow[]> {
    const all = await figures.figures(
      rows.map((r) => r.id),
      { kind: 'all', from: null, to: null },
    );
    return rows.map((r) => ({ ...r, ...flatFigures(all.get(r.id)) }));
  }

  /**
   * The staff scope of a caller the access hook admitted to a staff route (an official or
   * above): 403 for an official without an area, as `GET /api/staff` answers them everywhere.
   */
  function staffScope(request: FastifyRequest): AreaScope {
    const scope = areaScope(app.db, detailScope(request.principal));
    if (scope.scope.kind === 'nowhere') {
      throw app.httpErrors.forbidden(scope.refusal('Staff posts are').message);
    }
    return scope;
  }

  /** Whether the list of collections names the staff posts: the staff routes admit the caller. */
  const readsStaff = (request: FastifyRequest) =>
    allows(request.principal, ogcRoutes.staffItems.access) &&
    detailScope(request.principal).kind !== 'nowhere';

  async function page(def: CollectionDef, q: PageQuery, staffWithin: readonly string[] | null) {
    if ('points' in def.source && def.source.points === 'staff') {
      return repo.staffPage(q, staffWithin);
    }
    if ('level' in def.source) {
      const found = await repo.areaPage(def.source.level, q);
      return { matched: found.matched, rows: await withFigures(found.rows) };
    }
    if ('cells' in def.source) return repo.tourismPage(q);
    return def.source.points === 'sites' ? repo.sitePage(q) : repo.issuePage(q);
  }

  async function itemsOf(
    request: FastifyRequest,
    def: CollectionDef,
    query: OgcItemsQuery,
    staffWithin: readonly string[] | null = null,
  ): Promise<OgcItems> {
    const q = pageQuery(app, def, query);
    const { matched, rows } = await page(def, q, staffWithin);
    const features = rows.map(toFeature);
    const self = `${baseUrl(request)}/collections/${def.id}/items`;
    const at = (offset: number) => {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value !== undefined && key !== 'offset' && key !== 'limit') search.set(key, value);
      }
      search.set('limit', String(q.limit));
      if (offset > 0) search.set('offset', String(offset));
      return `${self}?${search.toString()}`;
    };
    const links = [link(at(q.offset), 'self', GEOJSON, 'This page')];
    if (q.offset + features.length < matched) {
      links.push(link(at(q.offset + q.limit), 'next', GEOJSON, 'Next page'));
    }
    if (q.offset > 0) {
      links.push(link(at(Math.max(0, q.offset - q.limit)), 'prev', GEOJSON, 'Previous page'));
    }
    links.push(link(`${baseUrl(request)}/collections/${def.id}`, 'collection', JSON_TYPE));
    return {
      type: 'FeatureCollection',
      features,
      numberMatched: matched,
      numberReturned: features.length,
      timeStamp: new Date().toISOString(),
      links,
    };
  }

  return {
    async collections(request: FastifyRequest) {
      const base = baseUrl(request);
      const all = await Promise.all(COLLECTIONS.map((c) => describe(c, base)));
      if (readsStaff(request)) {
        all.push(await describe(STAFF_COLLECTION, base, await staffScope(request).codes()));
      }
      return {
        links: [link(`${base}/collections`, 'self', JSON_TYPE, 'Collections')],
        collections: all,
      };
    },

    collection: (request: FastifyRequest, id: string) => describe(find(id), baseUrl(request)),

    items: (request: FastifyRequest, id: string, query: OgcItemsQuery) =>
      itemsOf(request, find(id), query),

    async staffCollection(request: FastifyRequest): Promise<OgcCollection> {
      return describe(STAFF_COLLECTION, baseUrl(request), await staffScope(request).codes());
    },

    async staffItems(request: FastifyRequest, query: OgcItemsQuery): Promise<OgcItems> {
      return itemsOf(request, STAFF_COLLECTION, query, await staffScope(request).codes());
    },

    /** One post: 404 when there is none, 403 outside the caller's area (as /api/staff). */
    async staffItem(request: FastifyRequest, featureId: string): Promise<OgcFeature> {
      const scope = staffScope(request);
      const xiaoqu = await repo.staffXiaoqu(featureId);
      if (xiaoqu === undefined) {
        throw app.httpErrors.notFound(`No feature ${featureId} in collection staff`);
      }
      if (!(await scope.covers(xiaoqu))) {
        throw app.httpErrors.forbidden(
          scope.refusal(`Staff post ${featureId} in ${xiaoqu} is`).message,
        );
      }
      return oneFeature(request, STAFF_COLLECTION, featureId, await scope.codes());
    },

    item: (request: FastifyRequest, id: string, featureId: string) =>
      oneFeature(request, find(id), featureId),
  };

  async function oneFeature(
    request: FastifyRequest,
    def: CollectionDef,
    featureId: string,
    staffWithin: readonly string[] | null = null,
  ): Promise<OgcFeature> {
    const q = { bbox: null, within: null, id: featureId, limit: 1, offset: 0 };
    // Issue ids are integers: another id names no issue (and must not reach the int cast).
    const idFits =
      !('points' in def.source && def.source.points === 'issues') || /^[0-9]{1,9}$/.test(featureId);
    const [row] = idFits ? (await page(def, q, staffWithin)).rows : [];
    if (!row) throw app.httpErrors.notFound(`No feature ${featureId} in collection ${def.id}`);
    const self = `${baseUrl(request)}/collections/${def.id}`;
    return {
      ...toFeature(row),
      links: [
        link(`${self}/items/${encodeURIComponent(featureId)}`, 'self', GEOJSON),
        link(self, 'collection', JSON_TYPE),
      ],
    };
  }
}

function toFeature(row: OgcRow): OgcFeature {
  const { id, geometry, ...properties } = row;
  return { type: 'Feature', id, geometry, properties };
}

/** A whole number in 0..max written in digits, or the problem with it. */
function count(name: string, text: string, min: number, max: number): number | string {
  if (!/^[0-9]{1,10}$/.test(text)) return `${name} (${text}) must be a whole number`;
  const n = Number(text);
  return n < min || n > max ? `${name} (${text}) must be within ${min}..${max}` : n;
}

/** The name the extent statement knows a collection's rows by. */
const sourceName = (def: CollectionDef): string =>
  'level' in def.source
    ? def.source.level
    : 'points' in def.source
      ? def.source.points
      : def.source.cells;

function pageQuery(app: FastifyInstance, def: CollectionDef, query: OgcItemsQuery): PageQuery {
  const bad = (message: string) => app.httpErrors.badRequest(message);
  const bbox = query.bbox === undefined ? null : parseBbox(query.bbox);
  if (typeof bbox === 'string') throw bad(bbox);
  const limit = count('limit', query.limit ?? String(OGC_DEFAULT_LIMIT), 1, OGC_MAX_LIMIT);
  if (typeof limit === 'string') throw bad(limit);
  const offset = count('offset', query.offset ?? '0', 0, 1_000_000_000);
  if (typeof offset === 'string') throw bad(offset);
  const isArea = 'level' in def.source;
  if (query.parent !== undefined && !isArea) throw bad(`parent filters areas, not ${def.id}`);
  if (query.xiaoqu !== undefined && !('points' in def.source)) {
    throw bad(`xiaoqu filters sites and issues, not ${def.id}`);
  }
  const isIssues = 'points' in def.source && def.source.points === 'issues';
  if (query.datetime !== undefined && !isIssues)
    throw bad(`datetime filters issues, not ${def.id}`);
  const reported = query.datetime === undefined ? undefined : parseDatetime(query.datetime);
  if (typeof reported === 'string') throw bad(reported);
  const within = query.parent ?? query.xiaoqu ?? null;
  return { bbox, within, id: null, limit, offset, reported };
}

const DATE = '[0-9]{4}-[0-9]{2}-[0-9]{2}';
const INSTANT = new RegExp(
  `^${DATE}(T[0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2}))?$`,
);

/**
 * OGC `datetime`: an instant or an interval `start/end` (`..` or nothing for an open end),
 * RFC 3339 date-times or dates (a date as an end runs to that day's end, UTC); as the bounds
 * of the reporting time, inclusive, or the problem in words.
 */
export function parseDatetime(text: string): readonly [string | null, string | null] | string {
  const parts = text.split('/');
  if (parts.length > 2) return `datetime (${text}) must be an instant or start/end`;
  const bound = (part: string, end: boolean): string | null | undefined => {
    if (part === '..' || part === '') return parts.length === 2 ? null : undefined;
    if (!INSTANT.test(part) || Number.isNaN(Date.parse(part))) return undefined;
    if (part.length > 10) return new Date(part).toISOString();
    const day = new Date(`${part}T00:00:00Z`);
    if (day.toISOString().slice(0, 10) !== part) return undefined;
    return end ? new Date(day.getTime() + 86_400_000 - 1).toISOString() : day.toISOString();
  };
  const start = bound(parts[0]!, false);
  const finish = parts.length === 1 ? bound(parts[0]!, true) : bound(parts[1]!, true);
  if (start === undefined || finish === undefined) {
    return `datetime (${text}) must be an RFC 3339 date-time or date, or an interval of them with .. for an open end`;
  }
  if (start !== null && finish !== null && start > finish) {
    return `datetime (${text}) starts after it ends`;
  }
  return [start, finish];
}

/**
 * An area's figures as flat properties, as GIS tools read attributes: the scalar figures by
 * their key, the issue figures as `issues` + key (`issuesUnresolved`), the credits likewise;
 * the breakdown lists are left to `GET /api/figures`.
 */
export function flatFigures(f: AreaFigures | undefined): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  if (!f) return out;
  const put = (prefix: string, values: object) => {
    for (const [key, value] of Object.entries(values)) {
      const name = prefix === '' ? key : prefix + key[0]!.toUpperCase() + key.slice(1);
      if (typeof value === 'number' || value === null) out[name] = value;
      else if (value && typeof value === 'object' && !Array.isArray(value)) put(name, value);
    }
  };
  put('', f);
  return out;
}
