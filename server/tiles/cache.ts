import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { Queryable } from '../db/db.ts';
import { sqlFile } from '../db/sql-files.ts';

const DATA_VERSION = sqlFile(new URL('./data-version.sql', import.meta.url));

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * The data layers whose versions key the cache (migrations 008, 011, 012 move them on every
 * write to their tables).
 */
export type DataLayer = 'areas' | 'issues' | 'sites' | 'workers';

/** A tile as served: its bytes (also compressed, when cached), and a validator of its content. */
export interface PackedTile {
  raw: Buffer;
  etag: string;
  gzip?: Buffer;
  br?: Buffer;
}

export interface TileCacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

export interface TileCache {
  /**
   * The tile for `key` at the current data versions of the layers it is made from: from
   * memory, or produced once however many requests miss it at the same moment. `produce` is
   * given the versions read (`areas@3,issues@17`; null with the cache off), so what it keeps
   * for other tiles can be keyed by them too.
   */
  get(
    layers: DataLayer | readonly DataLayer[],
    key: string,
    produce: (versions: string | null) => Promise<Uint8Array>,
  ): Promise<PackedTile>;
  stats(): TileCacheStats;
}

export const DEFAULT_TILE_CACHE_BYTES = 64 * 1024 * 1024;

// Quality 5: close to brotli's best on tiles for a fraction of quality 11's time per miss.
const compress = (raw: Buffer, encoding: 'br' | 'gzip') =>
  encoding === 'br'
    ? brotliAsync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
    : gzipAsync(raw);

function validated(tile: Uint8Array): PackedTile {
  const raw = Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength);
  // A content hash, not the data version: a write elsewhere that leaves this tile as it was
  // still answers the browser's revalidation with 304.
  const etag = `"${createHash('sha256').update(raw).digest('base64url').slice(0, 22)}"`;
  return { raw, etag };
}

/** A tile to keep: compressed once both ways now, so hits never compress. */
async function pack(tile: Uint8Array): Promise<PackedTile> {
  const t = validated(tile);
  const [gzip, br] = await Promise.all([compress(t.raw, 'gzip'), compress(t.raw, 'br')]);
  return { ...t, gzip, br };
}

/**
 * Tile bytes in memory, keyed by address, filters and the data versions of the layers the tile
 * is made from (an area tile's figures read issues, sites and workers too). The versions are
 * read from the database on every request (one indexed row), so every server
 * instance on the database sees a committed write at its next request: no notification has to
 * arrive first, and a tile older than the data is never served. A tile produced while a write
 * commits may hold data newer than its key says, which is harmless.
 */
export function createTileCache(db: Queryable, maxBytes = DEFAULT_TILE_CACHE_BYTES): TileCache {
  let hits = 0;
  let misses = 0;
  if (maxBytes === 0) {
    // Cache off (TILE_CACHE_MB=0, for the benchmark's uncached run): every request produces
    // its tile and compresses it only in the encoding asked for.
    return {
      async get(_layer, _key, produce) {
        misses++;
        return validated(await produce(null));
      },
      stats: () => ({ hits, misses, entries: 0, bytes: 0 }),
    };
  }
  const cache = new LRUCache<string, PackedTile, () => Promise<Uint8Array>>({
    maxSize: maxBytes,
    // Headers and key: an empty tile still costs something.
    sizeCalculation: (t, key) =>
      t.raw.length + (t.gzip?.length ?? 0) + (t.br?.length ?? 0) + key.length + 128,
    fetchMethod: async (_key, _stale, { context }) => {
      misses++;
      return pack(await context());
    },
  });

  /** `areas@3,issues@17`: the layers' versions, read in one statement (one snapshot). */
  async function versions(layers: readonly DataLayer[]): Promise<string> {
    const rows = await db.query<{ layer: string; version: number | string }>(DATA_VERSION, [
      layers,
    ]);
    if (rows.length !== layers.length) {
      const found = new Set(rows.map((r) => r.layer));
      const missing = layers.filter((l) => !found.has(l));
      throw new Error(`no data version for ${missing.join(', ')} (migrations not applied?)`);
    }
    return rows.map((r) => `${r.layer}@${Number(r.version)}`).join(',');
  }

  return {
    async get(layers, key, produce) {
      const list = typeof layers === 'string' ? [layers] : [...new Set(layers)].sort();
      const v = await versions(list);
      const full = `${v}/${key}`;
      if (cache.has(full)) hits++;
      const tile = await cache.fetch(full, { context: () => produce(v) });
      if (!tile) throw new Error(`tile ${full} could not be produced`);
      return tile;
    },
    stats: () => ({ hits, misses, entries: cache.size, bytes: cache.calculatedSize }),
  };
}

/** The encoding to send: brotli, then gzip, then none, as the client accepts (q=0 refuses). */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

/** Whether an If-None-Match header names this ETag (a list, weak validators, or `*`). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}

/**
 * Sends a cached tile: 204 when it has no features, 304 when the client's copy is current,
 * otherwise the bytes in the best encoding the client accepts. `no-cache` lets browsers,
 * nginx or a CDN keep the tile but makes them revalidate each use, which costs a 304 and
 * keeps "never stale" true beyond this server too.
 */
export async function sendPackedTile(
  request: FastifyRequest,
  reply: FastifyReply,
  tile: PackedTile,
) {
  reply
    .header('cache-control', 'public, no-cache')
    .header('etag', tile.etag)
    .header('vary', 'Accept-Encoding');
  if (etagMatches(request.headers['if-none-match'], tile.etag)) {
    return reply.status(304).send();
  }
  if (tile.raw.length === 0) return reply.status(204).send();
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  reply.header('content-type', 'application/vnd.mapbox-vector-tile');
  if (encoding === 'identity') return reply.send(tile.raw);
  const body = tile[encoding] ?? (await compress(tile.raw, encoding));
  return reply.header('content-encoding', encoding).send(body);
}
