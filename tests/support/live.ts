import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';

/** The port a listening app is on. */
export function portOf(app: FastifyInstance): number {
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * The app on `db`, listening on a local `port` (0: any free one): event streams and browsers
 * need a real socket, not `inject`. The open demo is on and the request limiter out of the way
 * unless `options` say otherwise.
 */
export async function startLiveApp(
  db: Db,
  options: Omit<AppOptions, 'db'> = {},
  port = 0,
): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp({ db, publicDemo: true, rateLimitPerMinute: 100_000, ...options });
  await app.listen({ port, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${portOf(app)}` };
}

/** Reports a new issue in a 小区, as a reporting app would; returns its id. */
export async function reportIssue(db: Db, xiaoqu = 'XQ001', category = 'parking'): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO issue (id, category, status, handling_level, reported_at, xiaoqu_code, geom)
     SELECT (SELECT max(id) + 1 FROM issue), $2, 'open', 'xiaoqu', now(), code, label_point
     FROM area WHERE code = $1
     RETURNING id`,
    [xiaoqu, category],
  );
  return row!.id;
}
