import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { openScratchDb } from '../support/test-db.ts';
import { tileOf, tileProperties } from '../support/tiles.ts';

// These tests write to the database, so each gets its own seeded copy.
let db: Db;
let app: FastifyInstance;

async function appOn(database: Db): Promise<FastifyInstance> {
  return buildApp({ db: database, publicDemo: true, rateLimitPerMinute: 100_000 });
}

beforeEach(async () => {
  db = await openScratchDb();
  app = await appOn(db);
});
afterEach(async () => {
  await app.close();
  await db.close();
});

/** A 社区 and the zoom-13 area tile holding its label point. */
async function shequTile() {
  const [s] = await db.query<{ code: string; name: string; lon: number; lat: number }>(
    `SELECT code, name, ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
     FROM area WHERE level = 'shequ' ORDER BY code LIMIT 1`,
  );
  const { x, y } = tileOf(s!.lon, s!.lat, 13);
  return { ...s!, url: `/tiles/shequ/13/${x}/${y}.mvt` };
}

/** A 小区's label point and the zoom-15 issue tile holding it. */
async function xiaoquIssueTile() {
  const [q] = await db.query<{ code: string; lon: number; lat: number }>(
    `SELECT code, ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
     FROM area WHERE level = 'xiaoqu' ORDER BY code LIMIT 1`,
  );
  const { x, y } = tileOf(q!.lon, q!.lat, 15);
  return { ...q!, url: `/tiles/issues/15/${x}/${y}.mvt` };
}

describe('tile cache', () => {
  it('answers a repeated tile from memory with the same bytes', async () => {
    const { url } = await shequTile();
    const first = await app.inject(url);
    const second = await app.inject(url);
    expect(second.statusCode).toBe(200);
    expect(Buffer.compare(first.rawPayload, second.rawPayload)).toBe(0);
    expect(app.tileCache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1 });
  });

  it('produces a tile once when many requests miss it at the same moment', async () => {
    const { url } = await shequTile();
    const replies = await Promise.all(Array.from({ length: 8 }, () => app.inject(url)));
    expect(replies.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect(app.tileCache.stats().misses).toBe(1);
  });

  it('serves the new name after an area is renamed, never the cached tile', async () => {
    const s = await shequTile();
    await app.inject(s.url);
    await db.query(`UPDATE area SET name = name || '（新）' WHERE code = $1`, [s.code]);
    const after = await app.inject(s.url);
    const names = tileProperties(after.rawPayload, 'shequ')
      .filter((p) => p.code === s.code)
      .map((p) => p.name);
    expect(names).toEqual([`${s.name}（新）`]);
  });

  it('serves a new issue in the point tile right after it is written', async () => {
    const q = await xiaoquIssueTile();
    const before = tileProperties((await app.inject(q.url)).rawPayload, 'issues').length;
    await db.query(
      `INSERT INTO issue (id, category, status, handling_level, reported_at, xiaoqu_code, geom)
       VALUES ((SELECT max(id) + 1 FROM issue), 'parking', 'open', 'xiaoqu', now(), $1,
               ST_SetSRID(ST_MakePoint($2, $3), 4326))`,
      [q.code, q.lon, q.lat],
    );
    const after = tileProperties((await app.inject(q.url)).rawPayload, 'issues').length;
    expect(after).toBe(before + 1);
  });

  it('keys issue tiles by their filters, in any order', async () => {
    const q = await xiaoquIssueTile();
    const a = await app.inject(`${q.url}?category=parking,roads`);
    const b = await app.inject(`${q.url}?category=roads,parking`);
    expect(Buffer.compare(a.rawPayload, b.rawPayload)).toBe(0);
    expect(app.tileCache.stats()).toMatchObject({ hits: 1, misses: 1 });
  });

  it('answers 304 to a current copy and 200 with a new ETag once the tile changed', async () => {
    const s = await shequTile();
    const first = await app.inject(s.url);
    const etag = String(first.headers.etag);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const same = await app.inject({ url: s.url, headers: { 'if-none-match': etag } });
    expect(same.statusCode).toBe(304);
    expect(same.rawPayload.length).toBe(0);
    await db.query(`UPDATE area SET name = name || '（新）' WHERE code = $1`, [s.code]);
    const changed = await app.inject({ url: s.url, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('keeps answering 304 when a write elsewhere leaves the tile as it was', async () => {
    const s = await shequTile();
    const first = await app.inject(s.url);
    const etag = String(first.headers.etag);
    const [far] = await db.query<{ code: string }>(
      `SELECT b.code FROM area a, area b
       WHERE a.code = $1 AND b.level = 'shequ'
       ORDER BY ST_Distance(a.label_point, b.label_point) DESC LIMIT 1`,
      [s.code],
    );
    const codes = tileProperties(first.rawPayload, 'shequ').map((p) => p.code);
    expect(codes).not.toContain(far!.code);
    await db.query(`UPDATE area SET name = name || '（新）' WHERE code = $1`, [far!.code]);
    const again = await app.inject({ url: s.url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
  });

  it('compresses with brotli or gzip as the client accepts, to the same tile', async () => {
    const { url } = await shequTile();
    const plain = await app.inject(url);
    const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip, br;q=0' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(Buffer.compare(brotliDecompressSync(br.rawPayload), plain.rawPayload)).toBe(0);
    expect(Buffer.compare(gunzipSync(gz.rawPayload), plain.rawPayload)).toBe(0);
  });

  it('produces every tile afresh with the cache turned off, compressing only what is asked', async () => {
    const uncached = await buildApp({ db, publicDemo: true, tileCacheBytes: 0 });
    try {
      const { url } = await shequTile();
      const plain = await uncached.inject(url);
      const gz = await uncached.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(Buffer.compare(gunzipSync(gz.rawPayload), plain.rawPayload)).toBe(0);
      expect(uncached.tileCache.stats()).toMatchObject({ hits: 0, misses: 2, entries: 0 });
    } finally {
      await uncached.close();
    }
  });

  it('answers 204 with no body for a tile with no features', async () => {
    const res = await app.inject('/tiles/pianqu/10/0/0.mvt');
    expect(res.statusCode).toBe(204);
    expect(res.rawPayload.length).toBe(0);
  });

  it('keeps two server instances on one database consistent after a write', async () => {
    const other = await appOn(db);
    try {
      const s = await shequTile();
      await app.inject(s.url);
      await other.inject(s.url);
      await db.query(`UPDATE area SET name = name || '（新）' WHERE code = $1`, [s.code]);
      for (const instance of [app, other]) {
        const names = tileProperties((await instance.inject(s.url)).rawPayload, 'shequ')
          .filter((p) => p.code === s.code)
          .map((p) => p.name);
        expect(names).toEqual([`${s.name}（新）`]);
      }
    } finally {
      await other.close();
    }
  });
});
