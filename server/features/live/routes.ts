import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { liveRoutes as routes } from '../../contract/index.ts';
import { clientKey } from '../../auth/rate-limit.ts';
import { routeOptions } from '../../http/route.ts';
import { EventHub } from './hub.ts';
import { eventsRepository } from './repository.ts';
import { DEFAULT_STREAM_CAPS, StreamSlots, type StreamCaps } from './slots.ts';
import { EventStream, HEARTBEAT_MS } from './stream.ts';

/** The ticker's first list when no limit is given. */
const DEFAULT_LIMIT = 50;
/** Seconds a refused stream is told to wait; the client backs off on its own as well. */
const STREAM_RETRY_AFTER_S = 15;

/**
 * 事件流: `GET /api/events/stream` (Server-Sent Events, resumable by id) and `GET /api/events`
 * (JSON pages of the same events). Public like the other aggregates: an event carries no
 * personal data.
 */
export const liveRoutes: FastifyPluginAsyncTypebox<{ streamCaps?: StreamCaps }> = async (
  app,
  opts,
) => {
  const repo = eventsRepository(app.db);
  const slots = new StreamSlots(opts.streamCaps ?? DEFAULT_STREAM_CAPS);
  const hub = new EventHub(app.db);
  await hub.start();

  const streams = new Set<EventStream>();
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.heartbeat();
  }, HEARTBEAT_MS);
  heartbeat.unref();

  // Open streams never finish by themselves: end them before the server waits for
  // in-flight requests, or close() (and a graceful shutdown) would wait forever.
  app.addHook('preClose', async () => {
    clearInterval(heartbeat);
    for (const stream of [...streams]) stream.close();
  });
  app.addHook('onClose', async () => {
    await hub.stop();
  });

  app.route({
    ...routeOptions(app, routes.stream),
    handler: async (request, reply) => {
      // Only a client that asks for a stream gets one (EventSource always does): anything
      // else would wait on a response that never ends.
      if (!String(request.headers.accept ?? '').includes('text/event-stream')) {
        throw app.httpErrors.notAcceptable(
          'This is a Server-Sent Events stream: send Accept: text/event-stream (EventSource does), or read GET /api/events for JSON.',
        );
      }
      const header = request.headers['last-event-id'];
      let after: number | null = request.query.after ?? null;
      if (header !== undefined && header !== '') {
        // EventSource sends back the last `id:` it saw; it wins over the query of the URL.
        const value = Array.isArray(header) ? header[0]! : header;
        if (!/^[0-9]{1,15}$/.test(value)) {
          throw app.httpErrors.badRequest(
            'headers/last-event-id must be an event id (an integer of up to 15 digits)',
          );
        }
        after = Number(value);
      }
      const slot = slots.take(clientKey(request.ip));
      if ('refused' in slot) {
        const { perClient, max } = slots.caps;
        reply.header('retry-after', STREAM_RETRY_AFTER_S);
        if (slot.refused === 'client') {
          throw app.httpErrors.tooManyRequests(
            `Too many open event streams from this client: at most ${perClient} (EVENT_STREAMS_PER_CLIENT); close one or retry in ${STREAM_RETRY_AFTER_S} s.`,
          );
        }
        // Sent here, not thrown: the error handler answers a thrown 5xx as an internal error.
        return reply.status(503).send({
          statusCode: 503,
          error: 'Service Unavailable',
          message: `This server holds its most open event streams, ${max} (EVENT_STREAMS_MAX); retry in ${STREAM_RETRY_AFTER_S} s.`,
        });
      }
      const stream = new EventStream(hub, repo, (s) => {
        streams.delete(s);
        slot.release();
      });
      streams.add(stream);
      // The client went away (or the socket failed): let go of the hub and the slot at once.
      reply.raw.on('close', () => stream.close());
      // It may have gone while the hooks ran, before that listener was there.
      if (reply.raw.destroyed || request.raw.socket?.destroyed) stream.close();
      try {
        await stream.prepare(after);
      } catch (error) {
        stream.close();
        throw error;
      }
      reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        // nginx and similar proxies must pass events on at once, not buffer them.
        .header('x-accel-buffering', 'no')
        .send(stream.body as never); // a stream: no response schema applies
      // The replay runs while the response flows; if the database fails midway the stream
      // ends and the client resumes from the last id it got.
      stream.replay().catch(() => stream.close());
      return reply;
    },
  });

  app.route({
    ...routeOptions(app, routes.events),
    handler: async (request) => {
      const limit = request.query.limit ?? DEFAULT_LIMIT;
      const after = request.query.after;
      if (after === undefined) {
        const events = await repo.latest(limit);
        const { latest } = await repo.bounds();
        return { events, latestEventId: Math.max(latest, events.at(-1)?.id ?? 0), reset: false };
      }
      const { reset, latest } = await repo.resumable(after);
      if (reset) return { events: [], latestEventId: latest, reset: true };
      const events = await repo.after(after, limit);
      return { events, latestEventId: Math.max(latest, events.at(-1)?.id ?? 0), reset: false };
    },
  });
};
