/**
 * One small query interface over both database backends: the embedded PGlite (with PostGIS
 * compiled to WASM) and a real PostgreSQL/PostGIS reached through `pg`. Feature repositories
 * only ever see `Queryable`, so the same SQL runs on both.
 *
 * Conventions that keep results identical across backends: SQL casts counts to `int` and
 * measures to `float8` (pg returns `bigint` and `numeric` as strings, PGlite does not), and
 * composite results are built with `json_build_object`, which both parse the same way.
 */
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
  close(): Promise<void>;
}

/** Probes for ST_AsMVT rather than trusting version strings: the WASM build lacks protobuf-c. */
export async function probeMvt(q: Queryable): Promise<boolean> {
  try {
    await q.query(
      "SELECT ST_AsMVT(t, 'probe') AS tile FROM (SELECT ST_MakePoint(1, 1) AS geom) AS t",
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the database the environment asks for: `DATABASE_URL` selects real PostgreSQL;
 * otherwise the embedded PGlite persisted in `dataDir` (default `.data/`).
 */
export async function openDb(
  options: { databaseUrl?: string; dataDir?: string } = {},
): Promise<Db> {
  if (options.databaseUrl) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(options.databaseUrl);
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite({ dataDir: options.dataDir ?? '.data' });
}
