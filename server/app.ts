import { existsSync } from 'node:fs';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Db } from './db/db.ts';
import { isDatabaseDown } from './db/errors.ts';
import { healthRoutes } from './features/health/routes.ts';
import { areasRoutes } from './features/areas/routes.ts';
import { basemapRoutes } from './features/basemap/routes.ts';
import { tilesRoutes } from './tiles/routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The database of this app: PGlite or PostgreSQL behind one interface. */
    db: Db;
  }
}

/** Options of the application plugin. */
export interface AppOptions {
  db: Db;
  /** Built client to serve at `/` (default: none, API only). */
  clientDir?: string;
  /** Fastify logger setting (default: off). */
  logger?: boolean | { level: string };
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
    // Stack traces and internal messages never leave the server.
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('db', options.db);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const where = error.validationContext ?? 'request';
      return reply.status(400).send({
        statusCode: 400,
        error: 'Bad Request',
        message: `${where}${error.message.replace(/^(querystring|params|body|headers)/, '')}`,
      });
    }
    if (isDatabaseDown(error)) {
      request.log.warn({ err: error }, 'database unreachable');
      return reply.status(503).header('retry-after', String(RETRY_AFTER_S)).send({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The database is unreachable; retry shortly.',
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .send({ statusCode: status, error: error.name ?? 'Bad Request', message: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send({ statusCode: 500, error: 'Internal Server Error', message: 'Internal error.' });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `No route for ${request.method} ${request.url.split('?')[0]}`,
    }),
  );

  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(areasRoutes, { prefix: '/api' });
  await app.register(basemapRoutes, { prefix: '/api' });
  await app.register(tilesRoutes, { prefix: '/tiles' });

  if (options.clientDir && existsSync(options.clientDir)) {
    await app.register(fastifyStatic, { root: options.clientDir, wildcard: false });
  }
  return app;
}
