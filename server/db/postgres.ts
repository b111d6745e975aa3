import pg from 'pg';
import type { Db, ListenHandlers, Listener } from './queryable.ts';
import { checkChannel, probeMvt } from './queryable.ts';

// PGlite returns bigint as a JS number; pg returns a string. Match PGlite, so a count that
// escapes the int cast in SQL (see db.ts) still has one type on both backends.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Opens a pooled connection to a real PostgreSQL + PostGIS. */
export async function openPostgres(connectionString: string): Promise<Db> {
  const pool = new pg.Pool({
    connectionString,
    max: Number(process.env.PG_POOL_MAX ?? 10),
    // A stopped database must fail requests quickly (503), not hang them.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'pianqu-atlas',
  });
  // An idle client losing its connection (database restart) emits here; without a listener
  // Node would crash the whole server. The pool replaces the client on the next query.
  pool.on('error', () => {});
  const run = async <T>(q: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) =>
    (await q.query(sql, params ? [...params] : undefined)).rows as T[];
  const db: Db = {
    backend: 'postgres',
    hasMvt: true,
    query: (sql, params) => run(pool, sql, params),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: (sql, params) => run(client, sql, params),
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    listen: async (channel, handlers) => listenWithReconnect(connectionString, channel, handlers),
    close: () => pool.end(),
  };
  await db.query('CREATE EXTENSION IF NOT EXISTS postgis');
  return { ...db, hasMvt: await probeMvt(db) };
}

/** First and longest wait before reconnecting a lost LISTEN connection. */
const LISTEN_RETRY_MIN_MS = 500;
const LISTEN_RETRY_MAX_MS = 15_000;

/**
 * LISTEN on a client of its own: a pooled client would be handed to queries and released.
 * When the connection drops (database restart, network), it reconnects with doubling back-off
 * and calls `onConnect`, so the subscriber catches up on what it missed meanwhile.
 */
async function listenWithReconnect(
  connectionString: string,
  channel: string,
  handlers: ListenHandlers,
): Promise<Listener> {
  const name = checkChannel(channel);
  let client: pg.Client | null = null;
  let closed = false;
  let delay = LISTEN_RETRY_MIN_MS;
  let timer: NodeJS.Timeout | undefined;

  const retry = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, delay);
    delay = Math.min(delay * 2, LISTEN_RETRY_MAX_MS);
  };

  const connect = async () => {
    const c = new pg.Client({
      connectionString,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      application_name: 'pianqu-atlas-listen',
    });
    // Errors surface as 'end' too; without a listener Node would crash the server.
    c.on('error', () => {});
    c.on('notification', (message) => {
      if (message.channel === name) handlers.onNotify(message.payload ?? '');
    });
    c.on('end', () => {
      if (client !== c) return;
      client = null;
      retry();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${name}`);
    } catch {
      await c.end().catch(() => {});
      retry();
      return;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    delay = LISTEN_RETRY_MIN_MS;
    handlers.onConnect?.();
  };

  await connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
