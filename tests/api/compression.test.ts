/**
 * JSON answers are compressed as the client accepts and carry an ETag (304 on a repeat), and
 * what handles its own encoding or must flow at once is left alone: tiles keep their own
 * encoding and tag, event streams are sent as they come, and the cache rules of the route
 * scopes (private, no-store) hold on every answer.
 */
import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../server/db/db.ts';
import { sessionAs } from '../support/sessions.ts';
import { useTestApp } from '../support/test-app.ts';
import { openScratchDb } from '../support/test-db.ts';
import { reportIssue, startLiveApp } from '../support/live.ts';
import { decodeTile, tileOf } from '../support/tiles.ts';
import { waitFor } from '../support/sse.ts';

const AREAS = '/api/areas?level=xiaoqu';

describe('JSON compression and ETags', () => {
  const t = useTestApp();

  it.each([
    ['br', 'gzip, deflate, br', brotliDecompressSync],
    ['gzip', 'gzip', gunzipSync],
  ] as const)('sends %s that decodes to the same JSON', async (encoding, accept, decode) => {
    const plain = await t.app().inject(AREAS);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const packed = await t.app().inject({ url: AREAS, headers: { 'accept-encoding': accept } });
    expect(packed.statusCode).toBe(200);
    expect(packed.headers['content-encoding']).toBe(encoding);
    expect(String(packed.headers.vary)).toMatch(/accept-encoding/i);
    expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(decode(packed.rawPayload).toString())).toEqual(plain.json());
  });

  it('tags the answer and answers 304 with no body on a repeat, whatever the encoding', async () => {
    const first = await t.app().inject(AREAS);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"/);
    const gz = await t.app().inject({ url: AREAS, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.etag).toBe(etag);
    for (const headers of [
      { 'if-none-match': String(etag) },
      { 'if-none-match': String(etag), 'accept-encoding': 'gzip, br' },
    ]) {
      const again = await t.app().inject({ url: AREAS, headers });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.length).toBe(0);
    }
    const other = await t.app().inject({ url: '/api/areas?level=pianqu' });
    expect(other.headers.etag).not.toBe(etag);
    const stale = await t
      .app()
      .inject({ url: '/api/areas?level=pianqu', headers: { 'if-none-match': String(etag) } });
    expect(stale.statusCode).toBe(200);
  });

  it('keeps no-store and private on compressed answers and on their 304s', async () => {
    const cookie = await sessionAs(t.app(), t.db(), 'planner');
    const [issue] = await t.db().query<{ id: number }>('SELECT id FROM issue ORDER BY id LIMIT 1');
    const [pianqu] = await t
      .db()
      .query<{ code: string }>(
        "SELECT code FROM area WHERE level = 'pianqu' ORDER BY code LIMIT 1",
      );
    for (const [url, rule] of [
      [`/api/issues/${issue!.id}`, 'no-store'],
      [`/api/staff?area=${pianqu!.code}`, 'private'],
    ] as const) {
      const headers = { cookie, 'accept-encoding': 'gzip, br' };
      const first = await t.app().inject({ url, headers });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.headers['cache-control'], url).toBe(rule);
      const again = await t.app().inject({
        url,
        headers: { ...headers, 'if-none-match': String(first.headers.etag) },
      });
      expect(again.statusCode, url).toBe(304);
      expect(again.headers['cache-control'], url).toBe(rule);
    }
  });

  it('leaves tiles their own encoding and ETag, compressed once', async () => {
    const [s] = await t.db().query<{ lon: number; lat: number }>(
      `SELECT ST_X(label_point)::float8 AS lon, ST_Y(label_point)::float8 AS lat
       FROM area WHERE level = 'shequ' ORDER BY code LIMIT 1`,
    );
    const { x, y } = tileOf(s!.lon, s!.lat, 13);
    const url = `/tiles/shequ/13/${x}/${y}.mvt`;
    const plain = await t.app().inject(url);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    // The tile cache's strong tag, not a weak one of the JSON kind.
    expect(plain.headers.etag).toMatch(/^"/);
    const br = await t.app().inject({ url, headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.etag).toBe(plain.headers.etag);
    const once = brotliDecompressSync(br.rawPayload);
    expect(Buffer.compare(once, plain.rawPayload)).toBe(0);
    expect(Object.keys(decodeTile(once).layers)).toContain('shequ');
  });
});

describe('event streams under compression', () => {
  let db: Db;
  let server: { app: FastifyInstance; url: string };
  beforeAll(async () => {
    db = await openScratchDb();
    server = await startLiveApp(db);
  });
  afterAll(async () => {
    await server?.app.close();
    await db?.close();
  });

  it('sends events as they happen, not compressed, to a client accepting gzip and br', async () => {
    let text = '';
    let headers: Record<string, unknown> = {};
    const req = get(`${server.url}/api/events/stream`, {
      headers: { accept: 'text/event-stream', 'accept-encoding': 'gzip, br' },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        req.on('response', (res) => {
          headers = res.headers;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          resolve();
        });
        req.on('error', reject);
      });
      expect(String(headers['content-type'])).toMatch(/^text\/event-stream/);
      expect(headers['content-encoding']).toBeUndefined();
      expect(headers.etag).toBeUndefined();
      const id = await reportIssue(db);
      // Arrives while the stream is open: nothing holds it back for a compressor's buffer.
      await waitFor(() => text.includes(`"issueId":${id}`), `the event of issue ${id}`);
    } finally {
      req.destroy();
    }
  });
});
