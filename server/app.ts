import { existsSync } from 'node:fs';
import fastifySensible from '@fastify/sensible';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyHelmet from '@fastify/helmet';
import fastifyCompress from '@fastify/compress';
import fastifyEtag from '@fastify/etag';
import { constants as zlibConstants } from 'node:zlib';
import type {
  FastifyPluginAsyncTypebox,
  TypeBoxTypeProvider,
} from '@fastify/type-provider-typebox';
import type { Db } from './db/db.ts';
import { isDatabaseDown } from './db/errors.ts';
import { nulPath } from './http/nul.ts';
import { isClientAbort } from './http/aborted.ts';
import { originCheck } from './http/origin.ts';
import { crossOrigin } from './http/cors.ts';
import { bodyTypeCheck } from './http/content-type.ts';
import { PERMISSIONS_POLICY } from './http/headers.ts';
import { bodyWithoutCoercion } from './http/validation.ts';
import { problemBody, problemOf } from './http/problem.ts';
import { healthRoutes } from './features/health/routes.ts';
import { areasRoutes } from './features/areas/routes.ts';
import { basemapOrigins } from './features/basemap/online.ts';
import { basemapRoutes } from './features/basemap/routes.ts';
import { tilesRoutes } from './tiles/routes.ts';
import { stylesRoutes } from './features/styles/routes.ts';
import accessPlugin from './auth/plugin.ts';
import requestLimit from './auth/rate-limit.ts';
import { authRoutes } from './auth/routes.ts';
import { routeScopeHeaders } from './auth/route-scopes.ts';
import { adminRoutes } from './features/admin/routes.ts';
import { issueTileRoutes, issuesRoutes } from './features/issues/routes.ts';
import { staffRoutes } from './features/staff/routes.ts';
import { sitesRoutes } from './features/sites/routes.ts';
import { tourismRoutes } from './features/tourism/routes.ts';
import { plannerRoutes } from './features/planner/routes.ts';
import { profilesRoutes } from './features/profiles/routes.ts';
import { exportsRoutes } from './features/exports/routes.ts';
import { figuresRoutes } from './features/figures/routes.ts';
import { searchRoutes } from './features/search/routes.ts';
import { liveRoutes } from './features/live/routes.ts';
import type { StreamCaps } from './features/live/slots.ts';
import { screenRoutes } from './features/screen/routes.ts';
import { importsRoutes } from './features/imports/routes.ts';
import { datasetRoutes } from './features/dataset/routes.ts';
import { ogcFeatureRoutes } from './features/ogc/routes.ts';
import { openApiDocumentRoutes } from './features/openapi/routes.ts';
import { unknownCategoryHook, vocabularyRoutes } from './features/vocabulary/routes.ts';
import { createTileCache, type TileCache } from './tiles/cache.ts';
import type { ParseLimits } from './features/imports/limits.ts';
import type { OnlineBasemap } from './contract/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The database of this app: PGlite or PostgreSQL behind one interface. */
    db: Db;
    /** Every route registered, for the access and hostile-input test matrices. */
    routeTable: { method: string; url: string; access: string | undefined }[];
    /** Encoded vector tiles, keyed by the data version so none is ever stale. */
    tileCache: TileCache;
  }
}

/** Options of the application plugin. */
export interface AppOptions {
  db: Db;
  /** Built client to serve at `/` (default: none, API only). */
  clientDir?: string;
  /** Fastify logger setting (default: off); a stream takes the lines (tests read them). */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  /**
   * Let anonymous visitors look read-only (aggregates and public layers). Default: on for the
   * embedded demo, off for PostgreSQL (production), overridable with PUBLIC_DEMO.
   */
  publicDemo?: boolean;
  /** Requests per minute per client before 429 (default 1200: a map view loads many tiles). */
  rateLimitPerMinute?: number;
  /** Login and kiosk attempts per minute per client (default 10), against password guessing. */
  loginRateLimitPerMinute?: number;
  /**
   * Trust X-Forwarded-For from a reverse proxy, so rate limits count real clients rather than
   * the proxy (default false; set TRUST_PROXY=true only behind one).
   */
  trustProxy?: boolean;
  /** Memory for cached vector tiles, in bytes (default 64 MiB; TILE_CACHE_MB). */
  tileCacheBytes?: number;
  /** Largest import file in bytes (default 200 MiB; IMPORT_MAX_MB). */
  importMaxBytes?: number;
  /** What one import file may ask of the parsers (default DEFAULT_PARSE_LIMITS; IMPORT_*). */
  importParseLimits?: ParseLimits;
  /** Open event streams per client and per server (default 20 and 1000; EVENT_STREAMS_*). */
  eventStreamCaps?: StreamCaps;
  /**
   * Origins besides the server's own whose pages may write, for a public origin behind a
   * reverse proxy that passes another Host (default none; PUBLIC_ORIGINS).
   */
  publicOrigins?: readonly string[];
  /**
   * Origins whose pages may read data and tiles (CORS, GET and HEAD, no cookies; default none:
   * CORS off; CORS_ORIGINS).
   */
  corsOrigins?: readonly string[];
  /** Online basemaps (天地图, an XYZ/WMTS server) offered beside the offline one (default none). */
  onlineBasemaps?: readonly OnlineBasemap[];
}

/** Seconds a client should wait before retrying when the database is unreachable. */
const RETRY_AFTER_S = 5;

/**
 * Builds the application without listening, so tests drive it with `app.inject`. The
 * bootstrap (server.ts) opens the database and listens.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // Bad input is rejected, not quietly trimmed: Fastify's default would drop unknown
    // properties and let the request through.
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
    // Query strings and paths are text and are coerced to their schema's types; JSON bodies are not.
    schemaController: { compilersFactory: bodyWithoutCoercion },
    // While shutting down, in-flight requests finish and new ones get 503 (see server.ts).
    return503OnClosing: true,
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('db', options.db);
  app.decorate('routeTable', []);
  app.decorate('tileCache', createTileCache(options.db, options.tileCacheBytes));
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        app.routeTable.push({ method, url: route.url, access: route.config?.access });
    }
  });

  const tileHosts = basemapOrigins(options.onlineBasemaps ?? []);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // MapLibre and React set element styles; the fonts' CSS is local.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // An online basemap's tile hosts, only when one is set up (MapLibre fetches tiles and
        // decodes them as images); none by default, so nothing outside can be drawn.
        imgSrc: ["'self'", 'data:', 'blob:', ...tileHosts],
        fontSrc: ["'self'", 'data:'],
        // MapLibre's worker is a same-origin module; deck.gl may start blob workers.
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'", ...tileHosts],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        // Served over plain http on a LAN too: upgrading would break every request there.
        upgradeInsecureRequests: null,
      },
    },
    hsts: false,
    crossOriginEmbedderPolicy: false,
  });
  // Helmet sets no Permissions-Policy: the product uses no device, so none is granted to it or
  // to anything it might embed.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
  });
  // First, so a preflight is answered before the access check (it carries no token) and
  // refusals (429, 401) carry the CORS headers the other origin's page needs to read them.
  await crossOrigin(app, options.corsOrigins ?? []);
  // JSON answers get an ETag (304 on If-None-Match) and are compressed, in that order: the tag
  // is of the JSON, weak because the bytes differ per encoding. Whatever set its own tag or
  // encoding (tiles, pre-compressed assets) is left as it is; event streams are not a
  // compressible type, so they are never buffered.
  await app.register(fastifyEtag, { weak: true });
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    // Brotli's default (11) costs tens of milliseconds per large answer; 5 keeps most of the gain.
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  // Before the access plugin: every request counts, and before its session lookup.
  await app.register(requestLimit, { perMinute: options.rateLimitPerMinute ?? 1200 });
  // After the limit, so refusals count; before the session lookup, so a foreign page's post
  // costs no database round trip.
  originCheck(app, { publicOrigins: options.publicOrigins });
  const publicDemo = options.publicDemo ?? options.db.backend === 'pglite';
  await app.register(fastifySensible);
  await app.register(accessPlugin, { publicDemo });
  // After the access check: a caller who may not use a route is told that first.
  bodyTypeCheck(app);
  // Personal data is never stored by a cache; per-area detail only by the caller's own.
  app.addHook('onSend', routeScopeHeaders);

  // Every error answer is JSON with a message naming the problem; stack traces and internal
  // messages never leave the server.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const [first] = error.validation;
      const field = `${error.validationContext}${first?.instancePath ?? ''}`;
      const allowed = (first?.params as { allowedValues?: unknown[] } | undefined)?.allowedValues;
      return allowed
        ? reply.status(400).send(
            problemBody(400, `${field} must be one of: ${allowed.join(', ')}`, 'request.notOneOf', {
              field,
              allowed: allowed.join(', '),
            }),
          )
        : reply.status(400).send(problemBody(400, error.message, 'request.invalid', { field }));
    }
    // Nobody reads this answer; the log line says what happened, below warning level.
    if (isClientAbort(error, request)) {
      request.log.info('the client closed the connection before sending its whole body');
      return reply
        .status(400)
        .send(
          problemBody(
            400,
            'The request body was cut short: the client closed the connection.',
            'request.cutShort',
          ),
        );
    }
    if (isDatabaseDown(error)) {
      request.log.warn({ err: error }, 'database unreachable');
      return reply
        .status(503)
        .header('retry-after', String(RETRY_AFTER_S))
        .send(problemBody(503, 'The database is unreachable; retry shortly.', 'db.unreachable'));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const coded = problemOf(error);
      return reply
        .status(status)
        .send(problemBody(status, error.message, coded?.code, coded?.params));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(problemBody(500, 'Internal error.', 'server.internal'));
  });

  // Ajv coerces "1e309" and "Infinity" to Infinity (or null) and lets them through integer and
  // range checks; nothing in this API takes an infinite number, so refuse them here, once.
  app.addHook('preHandler', async (request, reply) => {
    for (const [part, values] of [
      ['params', request.params],
      ['querystring', request.query],
    ] as const) {
      if (!values || typeof values !== 'object') continue;
      for (const [key, value] of Object.entries(values)) {
        if (
          (typeof value === 'number' && !Number.isFinite(value)) ||
          (value === null && part === 'params')
        ) {
          return reply.status(400).send({
            statusCode: 400,
            error: 'Bad Request',
            message: `${part}/${key} must be a finite number`,
          });
        }
      }
    }
  });

  // PostgreSQL text cannot hold NUL: refused here, naming where it sits, rather than as a 500.
  app.addHook('preValidation', async (request, reply) => {
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const at = nulPath(value, part);
      if (at) {
        return reply.status(400).send({
          statusCode: 400,
          error: 'Bad Request',
          message: `${at} must not contain a NUL character (U+0000)`,
        });
      }
    }
  });

  app.addHook('preHandler', unknownCategoryHook(app));

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `No route for ${request.method} ${request.url.split('?')[0]}`,
    }),
  );

  // The feature plugins that take no option but their prefix, in the order they register.
  const under = async (prefix: string, plugins: readonly FastifyPluginAsyncTypebox[]) => {
    for (const plugin of plugins) await app.register(plugin, { prefix });
  };
  await under('/api', [healthRoutes, areasRoutes, datasetRoutes, vocabularyRoutes]);
  await app.register(basemapRoutes, { prefix: '/api', online: options.onlineBasemaps ?? [] });
  await under('/tiles', [tilesRoutes, issueTileRoutes]);
  // Under /styles and /fonts: the routes name their whole paths.
  await app.register(stylesRoutes);
  await app.register(authRoutes, {
    prefix: '/api',
    publicDemo,
    loginRateLimitPerMinute: options.loginRateLimitPerMinute ?? 10,
  });
  await under('/api', [
    adminRoutes,
    issuesRoutes,
    staffRoutes,
    sitesRoutes,
    tourismRoutes,
    plannerRoutes,
    figuresRoutes,
    profilesRoutes,
    exportsRoutes,
    searchRoutes,
    ogcFeatureRoutes,
    openApiDocumentRoutes,
  ]);
  await app.register(liveRoutes, { prefix: '/api', streamCaps: options.eventStreamCaps });
  await app.register(screenRoutes, { prefix: '/api' });
  const importMaxBytes = options.importMaxBytes ?? 200 * 1024 * 1024;
  await app.register(importsRoutes, {
    prefix: '/api',
    limits: {
      maxBytes: importMaxBytes,
      maxBoundaryBytes: Math.min(importMaxBytes, 50 * 1024 * 1024),
      parse: options.importParseLimits,
    },
  });

  if (options.clientDir && existsSync(options.clientDir)) {
    // The build writes .br and .gz beside each asset (vite.config.ts): sent as the client accepts.
    await app.register(fastifyStatic, {
      root: options.clientDir,
      wildcard: false,
      preCompressed: true,
    });
  }
  return app;
}
