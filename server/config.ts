import { fileURLToPath } from 'node:url';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './features/imports/limits.ts';
import type { OnlineBasemap } from './contract/index.ts';
import { onlineBasemapsFromEnv } from './features/basemap/online.ts';
import { parseOrigin } from './http/origin.ts';

/** Runtime settings, all from the environment, with the defaults a newcomer needs. */
export interface Config {
  /** Real PostgreSQL + PostGIS; unset means the embedded PGlite. */
  databaseUrl: string | undefined;
  /** Where the embedded database persists (default `.data/`). */
  dataDir: string;
  /** Port of the API and the built client (default 8080). */
  port: number;
  /** Interface to listen on (default 127.0.0.1; set 0.0.0.0 to serve a network). */
  host: string;
  /** Built client to serve (default `dist/client`). */
  clientDir: string;
  /** Load the demo data set when the database has none (default true). */
  seedDemo: boolean;
  /** Read-only access without login; undefined: on for the embedded demo, off for PostgreSQL. */
  publicDemo: boolean | undefined;
  /** Requests per minute per client before 429 (default 1200). */
  rateLimitPerMinute: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (default false). */
  trustProxy: boolean;
  /** Memory for cached vector tiles in bytes (TILE_CACHE_MB, default 64; 0: no cache). */
  tileCacheBytes: number;
  /**
   * Run the event simulator inside the server at this many changes per second (default 0:
   * off). For demos on the embedded database, which no other process can write.
   */
  simulateEvents: number;
  /** Largest import file in bytes (IMPORT_MAX_MB, default 200); boundary files, read whole, at most 50 MB. */
  importMaxBytes: number;
  /** What one import file may ask of the parsers (IMPORT_MAX_UNZIPPED_MB and the rest; see README). */
  importParseLimits: ParseLimits;
  /** Time SIGTERM gives in-flight requests before the process exits anyway (SHUTDOWN_GRACE_S, default 10). */
  shutdownGraceMs: number;
  /** Open event streams one client may hold (EVENT_STREAMS_PER_CLIENT, default 20). */
  eventStreamsPerClient: number;
  /** Open event streams this instance holds at most (EVENT_STREAMS_MAX, default 1000). */
  eventStreamsMax: number;
  /**
   * Origins besides the server's own whose pages may write (PUBLIC_ORIGINS, comma-separated,
   * default none): the public address when a reverse proxy passes another Host.
   */
  publicOrigins: string[];
  /**
   * Origins whose pages may read the API and tiles across origins (CORS_ORIGINS,
   * comma-separated, default none: CORS off). Reads only, without cookies: such pages send an
   * API token.
   */
  corsOrigins: string[];
  /**
   * Online basemaps offered beside the offline default: 天地图 with TIANDITU_KEY, an XYZ/WMTS
   * server with BASEMAP_URL (features/basemap/online.ts). None by default.
   */
  onlineBasemaps: OnlineBasemap[];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
  }
  const tileCacheMb = Number(env.TILE_CACHE_MB ?? 64);
  if (!Number.isFinite(tileCacheMb) || tileCacheMb < 0) {
    throw new Error(
      `TILE_CACHE_MB must be a number of megabytes (0 turns the cache off), got "${env.TILE_CACHE_MB}"`,
    );
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || '.data',
    port,
    host: env.HOST || '127.0.0.1',
    clientDir: env.CLIENT_DIR || fileURLToPath(new URL('../dist/client/', import.meta.url)),
    seedDemo: env.SEED_DEMO !== 'false',
    rateLimitPerMinute: Number(env.RATE_LIMIT_PER_MIN ?? 1200),
    trustProxy: env.TRUST_PROXY === 'true',
    tileCacheBytes: tileCacheMb * 1024 * 1024,
    publicDemo: env.PUBLIC_DEMO === undefined ? undefined : env.PUBLIC_DEMO === 'true',
    simulateEvents: simulateRate(env.SIMULATE_EVENTS),
    importMaxBytes: importLimit(env.IMPORT_MAX_MB),
    importParseLimits: parseLimits(env),
    shutdownGraceMs: count('SHUTDOWN_GRACE_S', env.SHUTDOWN_GRACE_S, 10) * 1000,
    eventStreamsPerClient: count('EVENT_STREAMS_PER_CLIENT', env.EVENT_STREAMS_PER_CLIENT, 20),
    eventStreamsMax: count('EVENT_STREAMS_MAX', env.EVENT_STREAMS_MAX, 1000),
    publicOrigins: (env.PUBLIC_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== '')
      .map((o) => parseOrigin(o)),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o !== '')
      .map((o) => parseOrigin(o, 'CORS_ORIGINS')),
    onlineBasemaps: onlineBasemapsFromEnv(env),
  };
}

function simulateRate(value: string | undefined): number {
  const rate = Number(value || 0);
  if (!(rate >= 0 && rate <= 1000)) {
    throw new Error(`SIMULATE_EVENTS must be changes per second from 0 to 1000, got "${value}"`);
  }
  return rate;
}

function importLimit(value: string | undefined): number {
  const mb = Number(value || 200);
  if (!(mb > 0 && mb <= 10000)) {
    throw new Error(`IMPORT_MAX_MB must be megabytes from 1 to 10000, got "${value}"`);
  }
  return Math.round(mb * 1024 * 1024);
}

/** The parse limits from IMPORT_* variables; each unset one keeps its default. */
export function parseLimits(env: NodeJS.ProcessEnv): ParseLimits {
  const d = DEFAULT_PARSE_LIMITS;
  const k = 1024;
  return {
    maxUnzippedBytes:
      count('IMPORT_MAX_UNZIPPED_MB', env.IMPORT_MAX_UNZIPPED_MB, d.maxUnzippedBytes / k / k) *
      k *
      k,
    maxZipRatio: count('IMPORT_MAX_ZIP_RATIO', env.IMPORT_MAX_ZIP_RATIO, d.maxZipRatio),
    maxLineChars: count('IMPORT_MAX_LINE_KB', env.IMPORT_MAX_LINE_KB, d.maxLineChars / k) * k,
    maxRecordLineBytes:
      count('IMPORT_MAX_RECORD_LINE_KB', env.IMPORT_MAX_RECORD_LINE_KB, d.maxRecordLineBytes / k) *
      k,
    maxCellChars: count('IMPORT_MAX_CELL_KB', env.IMPORT_MAX_CELL_KB, d.maxCellChars / k) * k,
    maxVertices: count('IMPORT_MAX_VERTICES', env.IMPORT_MAX_VERTICES, d.maxVertices),
    maxDepth: count('IMPORT_MAX_DEPTH', env.IMPORT_MAX_DEPTH, d.maxDepth),
    workerMemoryMb: count('IMPORT_WORKER_MB', env.IMPORT_WORKER_MB, d.workerMemoryMb),
    workerMs: count('IMPORT_WORKER_SECONDS', env.IMPORT_WORKER_SECONDS, d.workerMs / 1000) * 1000,
  };
}

function count(name: string, value: string | undefined, fallback: number): number {
  const n = Number(value || fallback);
  if (!(Number.isInteger(n) && n >= 1 && n <= 1_000_000)) {
    throw new Error(`${name} must be a whole number from 1 to 1000000, got "${value}"`);
  }
  return n;
}
