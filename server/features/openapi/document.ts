/**
 * The whole API as an OpenAPI 3.0 document, built from the contract: every route object of
 * `ROUTE_GROUPS` with its TypeBox schemas, and the words of the contract's TSDoc, which
 * `npm run openapi` (scripts/openapi-descriptions.ts) reads into `openapi-descriptions.json`.
 */
import { readFileSync } from 'node:fs';
import type { TSchema } from '@sinclair/typebox';
import * as contract from '../../contract/index.ts';
import type { Route } from '../../contract/route.ts';
import { ROUTE_GROUPS } from '../../contract/routes.ts';

/** What `scripts/openapi-descriptions.ts` wrote: the contract's comments, by route and name. */
export interface ContractDocs {
  routes: Record<string, string>;
  groups: Record<string, string>;
  schemas: Record<string, string>;
}

export const CONTRACT_DOCS: ContractDocs = JSON.parse(
  readFileSync(new URL('../../contract/openapi-descriptions.json', import.meta.url), 'utf8'),
) as ContractDocs;

type Json = Record<string, unknown>;

/** The keywords of an OpenAPI 3.0 Schema Object; the conversion keeps no other. */
export const OPENAPI_30_SCHEMA_KEYWORDS = new Set([
  'title',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'required',
  'enum',
  'type',
  'allOf',
  'oneOf',
  'anyOf',
  'not',
  'items',
  'properties',
  'additionalProperties',
  'description',
  'format',
  'default',
  'nullable',
  'readOnly',
  'writeOnly',
  'example',
  'deprecated',
]);

/**
 * A JSON Schema (as TypeBox writes it) as an OpenAPI 3.0 Schema Object: `const` as a
 * one-value `enum`, a null branch of `anyOf` as `nullable`, a tuple as an array of its item
 * types with its length, `patternProperties` (TypeBox's records) as `additionalProperties`.
 */
export function toOpenApiSchema(schema: unknown): Json {
  if (!schema || typeof schema !== 'object') return {};
  const s = schema as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(s)) {
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Json).map(([k, v]) => [k, toOpenApiSchema(v)]),
      );
    } else if (key === 'items') {
      if (Array.isArray(value)) {
        const kinds = value.map(toOpenApiSchema);
        const distinct = [...new Map(kinds.map((k) => [JSON.stringify(k), k])).values()];
        out.items = distinct.length === 1 ? distinct[0] : { anyOf: distinct };
        out.minItems ??= value.length;
        out.maxItems ??= value.length;
      } else out.items = toOpenApiSchema(value);
    } else if (key === 'anyOf' || key === 'oneOf' || key === 'allOf') {
      const branches = value as Json[];
      const other = branches.filter((b) => b.type !== 'null');
      if (key === 'anyOf' && other.length < branches.length) out.nullable = true;
      if (other.length === 1) Object.assign(out, toOpenApiSchema(other[0]));
      else if (other.length > 1) out[key] = other.map(toOpenApiSchema);
    } else if (key === 'patternProperties') {
      const [only] = Object.values(value as Json);
      out.additionalProperties = toOpenApiSchema(only);
    } else if (key === 'additionalProperties' || key === 'not') {
      out[key] = typeof value === 'object' ? toOpenApiSchema(value) : value;
    } else if (key === 'const') {
      out.enum = [value];
    } else if (key === 'type' && value === 'null') {
      // A null alone: OpenAPI 3.0 has no null type, only nullable values.
      out.nullable = true;
      out.enum = [null];
    } else if (OPENAPI_30_SCHEMA_KEYWORDS.has(key)) {
      out[key] = value;
    }
  }
  if (out.nullable === true && out.enum === undefined && out.type === undefined && !out.anyOf) {
    // `nullable` needs a type beside it in 3.0; an unknown value takes any.
    delete out.nullable;
  }
  return out;
}

/** The exported schema constants of the contract, by object, for their TSDoc. */
const NAMED_SCHEMAS = new Map<unknown, string>(
  Object.entries(contract)
    .filter(([name, value]) => name.endsWith('Schema') && value && typeof value === 'object')
    .map(([name, value]) => [value, name]),
);

/** A schema converted, with the TSDoc of its contract constant when it has no description. */
function described(schema: TSchema, docs: ContractDocs): Json {
  const out = toOpenApiSchema(schema);
  const name = NAMED_SCHEMAS.get(schema);
  const doc = name === undefined ? undefined : docs.schemas[name];
  if (doc !== undefined && out.description === undefined) out.description = doc;
  return out;
}

/** `/api/areas/:code` → `/api/areas/{code}`. */
export const openApiPath = (url: string): string =>
  url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');

const STATUS_WORDS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
  400: 'The request is wrong; the message says how',
  401: 'A login or an API token is needed',
  403: 'The caller’s role or area does not admit it',
  404: 'No such thing',
  409: 'A conflict with the current state',
  413: 'Too large',
  429: 'Too many requests',
  503: 'The database is unreachable',
};

/** Who may call a route, in the words of the document. */
function accessWords(route: Route): string {
  if (route.access === 'none') return 'Access: anyone, without a login.';
  if (route.access === 'public') {
    return 'Access: anyone on the open demo; a login or an API token when it is off.';
  }
  return `Access: the role ${route.access} or higher (a session, or an API token for GET).`;
}

function operation(group: string, route: Route, docs: ContractDocs): Json {
  const key = `${route.method} ${route.url}`;
  const doc = docs.routes[key] ?? route.schema.description;
  const parameters: Json[] = [];
  const put = (schema: TSchema | undefined, where: 'path' | 'query') => {
    const object = schema as { properties?: Json; required?: string[] } | undefined;
    for (const [name, value] of Object.entries(object?.properties ?? {})) {
      const s = toOpenApiSchema(value);
      const p: Json = {
        name,
        in: where,
        required: where === 'path' || (object?.required ?? []).includes(name),
        schema: s,
      };
      if (typeof s.description === 'string') p.description = s.description;
      parameters.push(p);
    }
  };
  put(route.schema.params, 'path');
  put(route.schema.querystring, 'query');

  const responses: Json = {};
  for (const [status, schema] of Object.entries(route.schema.response)) {
    const code = Number(status);
    const converted = described(schema, docs);
    const success = code >= 200 && code < 300;
    const type = success ? (route.schema.produces?.[0] ?? 'application/json') : 'application/json';
    const description =
      (typeof converted.description === 'string' && success ? converted.description : null) ??
      STATUS_WORDS[code] ??
      `Status ${code}`;
    responses[status] =
      code === 204 ? { description } : { description, content: { [type]: { schema: converted } } };
  }
  if (Object.keys(responses).length === 0) {
    responses['200'] = route.url.endsWith('.mvt')
      ? {
          description: 'A Mapbox vector tile',
          content: { 'application/vnd.mapbox-vector-tile': {} },
        }
      : { description: 'Not described by a schema' };
  }
  const op: Json = {
    tags: [group],
    operationId: `${group}.${key.replace(/[^A-Za-z0-9]+/g, '_').replace(/_$/, '')}`,
    summary: firstSentence(doc) ?? key,
    description: [doc, accessWords(route)].filter(Boolean).join('\n\n'),
    'x-access': route.access,
    'x-scope': route.scope,
    responses,
  };
  if (parameters.length > 0) op.parameters = parameters;
  if (route.schema.body) {
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: described(route.schema.body, docs) } },
    };
  }
  if (route.access !== 'none') {
    op.security = [
      ...(route.access === 'public' ? [{}] : []),
      { session: [] },
      ...(route.method === 'GET' ? [{ apiToken: [] }] : []),
    ];
  }
  return op;
}

/** A summary: the text up to its first full stop or colon, short. */
function firstSentence(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const first = /^(.+?)(?:[.:;](?:\s|$)|$)/s.exec(text)?.[1]?.trim() ?? text;
  return first.length > 120 ? `${first.slice(0, 117)}…` : first;
}

/** The document; the same for every caller (no host in it: the paths are the server's). */
export function openApiDocument(docs: ContractDocs = CONTRACT_DOCS): Json {
  const paths: Record<string, Json> = {};
  const tags: Json[] = [];
  for (const [group, routes] of Object.entries(ROUTE_GROUPS)) {
    tags.push(
      docs.groups[group] ? { name: group, description: docs.groups[group] } : { name: group },
    );
    for (const route of Object.values(routes) as Route[]) {
      const path = (paths[openApiPath(route.url)] ??= {});
      path[route.method.toLowerCase()] = operation(group, route, docs);
    }
  }
  return {
    openapi: '3.0.3',
    info: {
      title: '片区一张图 (Pianqu Atlas) API',
      version: '1.0.0',
      description:
        'Every route of the API, generated from its contract (server/contract). Reads take a ' +
        'login session (cookie) or, for tools, an API token (`Authorization: Bearer …`, read-only).',
    },
    servers: [{ url: '/' }],
    tags,
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'atlas_session' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'An API token an admin issued' },
      },
    },
  };
}
