/**
 * The built client is sent compressed from the files the build wrote beside each asset
 * (`.br`, `.gz`), as the browser accepts, and as is to a client that accepts neither.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, brotliDecompressSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { openTestDb } from '../support/test-db.ts';

const ASSET = `console.log(${JSON.stringify('片区一张图 '.repeat(400))});\n`;
let dir: string;
let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-client-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>片区一张图</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), ASSET);
  writeFileSync(join(dir, 'assets', 'app.js.br'), brotliCompressSync(ASSET));
  writeFileSync(join(dir, 'assets', 'app.js.gz'), gzipSync(ASSET));
  db = await openTestDb();
  app = await buildApp({ db, clientDir: dir });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built client', () => {
  it('is sent as brotli to a browser that accepts it', async () => {
    const res = await app.inject({
      url: '/assets/app.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(ASSET);
  });

  it('is sent as gzip to a client that accepts only gzip', async () => {
    const res = await app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('is sent as is to a client that accepts no encoding', async () => {
    const res = await app.inject({ url: '/assets/app.js' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe(ASSET);
  });
});
