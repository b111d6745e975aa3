import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import { problemBody } from '../http/problem.ts';

/** Options of the request limit. */
export interface RequestLimitOptions {
  /** Requests per minute per client before 429. */
  perMinute: number;
}

/** Clients remembered at once; beyond this the least recently seen is forgotten. */
const CLIENTS_TRACKED = 10_000;

/**
 * The client a limit counts: its address (X-Forwarded-For's when the app trusts a proxy), an
 * IPv6 address by its /64 as @fastify/rate-limit does, since one host is given a whole /64.
 */
export const clientKey = (ip: string) => normalizeIP(ip);

const tooMany = (max: number, retryS: number) =>
  problemBody(
    429,
    `Too many requests: at most ${max} a minute; retry in ${retryS} s.`,
    'request.tooMany',
    { max, retryS },
  );

/**
 * Counts every request of a client, whatever it is answered (401, 403, 404 as well), before the
 * access plugin looks its session up. @fastify/rate-limit's own hook is a route hook, and
 * route hooks run after the global ones: a request refused by the session check was never
 * counted, so a flood of bogus cookies was a flood of session lookups. Its store is used from
 * a global onRequest hook instead, which must be registered before the access plugin. Routes
 * with a `config.rateLimit` of their own (login) keep that tighter limit on top.
 */
async function requestLimit(app: FastifyInstance, options: RequestLimitOptions): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: false,
    max: options.perMinute,
    timeWindow: '1 minute',
    cache: CLIENTS_TRACKED,
    errorResponseBuilder: (_request, context) =>
      tooMany(context.max, Math.ceil(context.ttl / 1000)),
  });
  const limit = app.createRateLimit();
  app.addHook('onRequest', async (request, reply) => {
    const result = await limit(request);
    if (result.isAllowed) return;
    reply.header('x-ratelimit-limit', result.max);
    reply.header('x-ratelimit-remaining', result.remaining);
    reply.header('x-ratelimit-reset', result.ttlInSeconds);
    if (!result.isExceeded) return;
    return reply
      .status(429)
      .header('retry-after', result.ttlInSeconds)
      .send(tooMany(result.max, result.ttlInSeconds));
  });
}

export default fp(requestLimit, { name: 'request-limit' });
