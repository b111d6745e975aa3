/**
 * The whole API's OpenAPI 3.0 document (`GET /api/openapi.json`): built from every contract
 * route, with the contract's TSDoc as checked in (fails while `npm run openapi` is due), and
 * answers the server gives validate against it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../server/contract/routes.ts';
import { OPENAPI_30_SCHEMA_KEYWORDS, openApiPath } from '../../server/features/openapi/document.ts';
import { DOCS_FILE, docsFileText, readContractDocs } from '../../scripts/openapi-descriptions.ts';
import { sessionAs } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';

// Ajv 8 as Fastify validates with it (a dependency of @fastify/ajv-compiler): it reads
// OpenAPI 3.0's `nullable`.
const Ajv = createRequire(createRequire(import.meta.url).resolve('@fastify/ajv-compiler'))(
  'ajv',
) as new (options: object) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
};

interface Operation {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required: boolean; schema: object }[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: object }> }>;
}
interface Doc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
}

/** Every Schema Object below a node, with where it is. */
function schemasIn(doc: Doc): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  const walk = (s: unknown, at: string) => {
    if (!s || typeof s !== 'object') return;
    const o = s as Record<string, unknown>;
    out.push([at, o]);
    for (const [k, v] of Object.entries((o.properties as object) ?? {})) walk(v, `${at}.${k}`);
    for (const k of ['items', 'not']) if (o[k]) walk(o[k], `${at}/${k}`);
    if (typeof o.additionalProperties === 'object') walk(o.additionalProperties, `${at}/*`);
    for (const k of ['anyOf', 'oneOf', 'allOf']) {
      ((o[k] as unknown[]) ?? []).forEach((b, i) => walk(b, `${at}/${k}${i}`));
    }
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const at = `${method} ${path}`;
      for (const p of op.parameters ?? []) walk(p.schema, `${at} ${p.name}`);
      for (const [t, c] of Object.entries(op.requestBody?.content ?? {}))
        walk(c.schema, `${at} ${t}`);
      for (const [status, r] of Object.entries(op.responses)) {
        for (const c of Object.values(r.content ?? {})) walk(c.schema, `${at} ${status}`);
      }
    }
  }
  return out;
}

describe('the whole API as OpenAPI 3.0', () => {
  const t = useTestApp();
  let cached: Doc | undefined;
  const doc = async (): Promise<Doc> => {
    if (cached) return cached;
    const res = await t.app().inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/vnd\.oai\.openapi\+json/);
    return (cached = res.json<Doc>());
  };

  it('has the contract’s comments as checked in (npm run openapi writes them)', () => {
    expect(readFileSync(DOCS_FILE, 'utf8'), 'run npm run openapi').toBe(
      docsFileText(readContractDocs()),
    );
  });

  it('holds every contract route with its method, parameters and responses', async () => {
    const d = await doc();
    expect(d.openapi).toMatch(/^3\.0\.\d+$/);
    expect(d.info.title).not.toBe('');
    const docs = readContractDocs();
    for (const route of API_ROUTES) {
      const key = `${route.method} ${route.url}`;
      const op = d.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
      expect(op, key).toBeDefined();
      const inPath = [...route.url.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1]);
      const params = op!.parameters ?? [];
      expect(
        params
          .filter((p) => p.in === 'path')
          .map((p) => p.name)
          .sort(),
        key,
      ).toEqual(inPath.sort());
      for (const p of params.filter((p) => p.in === 'path')) expect(p.required, key).toBe(true);
      const query = Object.keys(
        (route.schema.querystring as { properties?: object } | undefined)?.properties ?? {},
      );
      expect(
        params
          .filter((p) => p.in === 'query')
          .map((p) => p.name)
          .sort(),
        key,
      ).toEqual(query.sort());
      const statuses = Object.keys(route.schema.response);
      expect(Object.keys(op!.responses).sort(), key).toEqual(
        (statuses.length > 0 ? statuses : ['200']).sort(),
      );
      for (const [status, r] of Object.entries(op!.responses)) {
        expect(r.description, key).not.toBe('');
        // Each status the contract gives a schema carries it (204 has no body).
        if (status !== '204' && route.schema.response[Number(status)]) {
          const [content] = Object.values(r.content ?? {});
          expect(content?.schema, `${key} ${status}`).toBeTypeOf('object');
        }
      }
      expect(op!.requestBody !== undefined, key).toBe(route.schema.body !== undefined);
      if (docs.routes[key]) {
        expect(op!.description, key).toContain(docs.routes[key]);
        expect(op!.summary, key).not.toBe('');
      }
    }
    // Paths only of the contract's routes.
    const count = Object.values(d.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(count).toBe(API_ROUTES.length);
  });

  it('writes schemas in OpenAPI 3.0’s keywords only', async () => {
    const schemas = schemasIn(await doc());
    expect(schemas.length).toBeGreaterThan(100);
    for (const [at, s] of schemas) {
      const foreign = Object.keys(s).filter((k) => !OPENAPI_30_SCHEMA_KEYWORDS.has(k));
      expect(foreign, at).toEqual([]);
      if (s.type !== undefined) {
        expect(['string', 'number', 'integer', 'boolean', 'array', 'object'], at).toContain(s.type);
      }
      if (s.type === 'array') expect(s.items, at).toBeTypeOf('object');
    }
  });

  it('describes answers the server gives: they validate against it', async () => {
    const d = await doc();
    const ajv = new Ajv({ strict: false, allErrors: true });
    const planner = await sessionAs(t.app(), t.db(), 'planner');
    const [area] = await t
      .db()
      .query<{ code: string }>(
        `SELECT code FROM area WHERE level = 'pianqu' ORDER BY code LIMIT 1`,
      );
    const samples: [string, string][] = [
      ['/api/health', '/api/health'],
      ['/api/dataset', '/api/dataset'],
      ['/api/areas', '/api/areas?level=pianqu'],
      ['/api/areas/{code}', `/api/areas/${area!.code}`],
      ['/api/figures', `/api/figures?codes=${area!.code}`],
      ['/api/sites', '/api/sites'],
      ['/api/staff', `/api/staff?area=${area!.code}`],
      ['/api/auth/me', '/api/auth/me'],
      ['/api/ogc/collections', '/api/ogc/collections'],
      ['/api/ogc/collections/{collectionId}/items', '/api/ogc/collections/pianqu/items?limit=3'],
      ['/api/ogc/collections/staff/items', '/api/ogc/collections/staff/items?limit=3'],
      ['/api/areas/{code}', '/api/areas/NOPE'],
    ];
    for (const [path, url] of samples) {
      const res = await t.app().inject({ url, headers: { cookie: planner } });
      const op = d.paths[path]?.get;
      const response = op?.responses[String(res.statusCode)];
      expect(response, `${url} → ${res.statusCode}`).toBeDefined();
      const [content] = Object.values(response!.content ?? {});
      const validate = ajv.compile(content!.schema!);
      const ok = validate(res.json());
      expect(validate.errors ?? null, url).toBeNull();
      expect(ok, url).toBe(true);
    }
    // The validation is not vacuous: an answer missing its fields fails it.
    const health = d.paths['/api/health']!.get!.responses['200']!.content!['application/json']!;
    expect(ajv.compile(health.schema!)({ status: 'ok' })).toBe(false);
  });
});
