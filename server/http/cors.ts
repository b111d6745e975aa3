import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyCors from '@fastify/cors';
import { parseOrigin } from './origin.ts';

/** The answers another origin's pages may read: data, tiles, styles and their fonts, read-only. */
const CROSS_ORIGIN_PREFIXES = ['/api/', '/tiles/', '/styles/', '/fonts/'];
const READS = new Set(['GET', 'HEAD']);

/**
 * Opt-in CORS for the origins of CORS_ORIGINS (a city portal embedding the map). Without any,
 * nothing is registered: no CORS header, and OPTIONS answers 404 as before.
 *
 * - Reads only (GET, HEAD): writes stay with the product's own pages, and the origin check
 *   (origin.ts) still refuses a foreign page's write whatever this list says.
 * - No credentials: the cookie session never crosses origins (a listed site with a flaw would
 *   otherwise read an official's detail in their name). Another origin's page sends an API
 *   token in `Authorization: Bearer …` instead, which is read-only and scoped by itself.
 * - A preflight from an unlisted origin is 404, as without CORS: its page learns nothing.
 * - Helmet's `Cross-Origin-Resource-Policy: same-origin` is relaxed to `cross-origin` on reads
 *   of data, tiles, styles and fonts, so a page that isolates itself (COEP) may still embed them.
 */
export async function crossOrigin(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  const allowed = new Set(origins.map((o) => parseOrigin(o, 'CORS_ORIGINS').toLowerCase()));
  await app.register(fastifyCors, {
    origin: (origin, callback) => {
      let normal: string | null = null;
      try {
        normal = origin ? new URL(origin).origin.toLowerCase() : null;
      } catch {
        // Not an origin (`null`, garbage): not listed.
      }
      callback(null, normal !== null && allowed.has(normal) ? origin! : false);
    },
    methods: ['GET', 'HEAD'],
    allowedHeaders: ['Authorization', 'If-None-Match', 'Accept'],
    exposedHeaders: ['ETag', 'Link', 'Retry-After'],
    credentials: false,
    maxAge: 600,
  });
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (READS.has(request.method) && CROSS_ORIGIN_PREFIXES.some((p) => request.url.startsWith(p))) {
      reply.header('cross-origin-resource-policy', 'cross-origin');
    }
    return payload;
  });
}
