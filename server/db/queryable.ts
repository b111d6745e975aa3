/**
 * One small query interface over both database backends: the embedded PGlite (with PostGIS
 * compiled to WASM) and a real PostgreSQL/PostGIS reached through `pg`. Feature repositories
 * only ever see `Queryable`, so the same SQL runs on both.
 *
 * Conventions that keep results identical across backends: SQL casts counts to `int` and
 * measures to `float8` (pg returns `bigint` and `numeric` as strings, PGlite does not), and
 * composite results are built with `json_build_object`, which both parse the same way.
 */
import { sqlFile } from './sql-files.ts';

const PROBE_MVT = sqlFile(new URL('./probe-mvt.sql', import.meta.url));

export type Backend = 'pglite' | 'postgres';

/** Anything that runs a parameterised statement: the database itself or an open transaction. */
export interface Queryable {
  /** Runs one statement with `$n` parameters and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** An open transaction. */
export interface Tx extends Queryable {
  /** Runs a script of several statements without parameters. */
  exec(sql: string): Promise<void>;
}

/** What a `listen` subscriber is told. */
export interface ListenHandlers {
  /** A notification on the channel, with its payload (a hint: read the data it points to). */
  onNotify(payload: string): void;
  /**
   * The listening connection is (again) established. Notifications sent while it was down are
   * lost, so a subscriber catches up here from its own data, not from the notifications.
   */
  onConnect?(): void;
}

/** A running LISTEN; `close` stops it (and its reconnecting). */
export interface Listener {
  close(): Promise<void>;
}

export interface Db extends Queryable {
  /** Which backend this is; reported by the health route. */
  readonly backend: Backend;
  /**
   * Whether PostGIS here can encode vector tiles (`ST_AsMVT`). PGlite's PostGIS is compiled
   * without protobuf-c, so tiles are encoded in the server there instead.
   */
  readonly hasMvt: boolean;
  /** Runs `fn` in one transaction: everything it writes lands whole or not at all. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * LISTENs on `channel` (a plain lower-case identifier). PostgreSQL: on a dedicated connection
   * outside the pool, reconnecting with back-off when the database goes away. PGlite: its own
   * notifications (one process).
   */
  listen(channel: string, handlers: ListenHandlers): Promise<Listener>;
  close(): Promise<void>;
}

/** Probes for ST_AsMVT rather than trusting version strings: the WASM build lacks protobuf-c. */
export async function probeMvt(q: Queryable): Promise<boolean> {
  try {
    await q.query(PROBE_MVT);
    return true;
  } catch {
    return false;
  }
}

/** Channel names go into LISTEN as identifiers, never from input: refuse anything else. */
export function checkChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  return channel;
}
