/**
 * Hostile uploads at full size against a real started server (issue 17's closing note): for
 * each file its size, the refusal, the time taken, the server's peak RSS during it and
 * health's slowest answer during it. The server runs in its own process with the default
 * limits, on DATABASE_URL or a fresh embedded database in a temporary folder.
 *
 *   [DATABASE_URL=postgres://…] npx tsx scripts/bench/hostile-files.ts [-- --only zip]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as hostile from '../../tests/support/hostile-files.ts';

const { values } = parseArgs({ options: { only: { type: 'string' } } });

const free = createServer();
await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
const port = (free.address() as AddressInfo).port;
await new Promise((r) => free.close(r));
const dataDir = process.env.DATABASE_URL
  ? undefined
  : await mkdtemp(join(tmpdir(), 'atlas-bench-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    ADMIN_USERNAME: 'bench-admin',
    ADMIN_PASSWORD: 'bench-admin-password',
    RATE_LIMIT_PER_MIN: '1000000',
    ...(dataDir ? { DATA_DIR: dataDir } : {}),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
while (!output.includes('ready in')) {
  if (server.exitCode !== null) throw new Error(`the server did not start:\n${output}`);
  await new Promise((r) => setTimeout(r, 200));
}
// A failure below still stops the server, so the script never hangs on its child.
const rows: string[][] = [];
let idleHealth = 0;
try {
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-admin', password: 'bench-admin-password' }),
  });
  if (!login.ok) throw new Error(`login answered ${login.status}: ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

  const rssMb = () => {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'));
    return Number(m?.[1] ?? 0) / 1024;
  };
  async function healthMs(): Promise<number> {
    const t = performance.now();
    await (await fetch(`${base}/api/health`)).arrayBuffer();
    return performance.now() - t;
  }

  interface Case {
    name: string;
    query: string;
    make: () => Buffer | Promise<Buffer>;
  }
  const B = 'kind=boundaries&level=xiaoqu';
  const MB = 1024 * 1024;
  const cases: Case[] = [
    {
      name: 'lying .dbf (4,294,967,295 records)',
      query: `${B}&fileName=lying.zip`,
      make: () => hostile.lyingDbfZip(),
    },
    {
      name: 'lying .dbf (1M records)',
      query: `${B}&fileName=lying.zip`,
      make: () => hostile.lyingDbfZip(1_000_000),
    },
    {
      name: 'lying .shp file length',
      query: `${B}&fileName=lying.zip`,
      make: () => hostile.lyingShpZip('file length'),
    },
    {
      name: 'lying .shx index',
      query: `${B}&fileName=lying.zip`,
      make: () => hostile.lyingShxZip(),
    },
    {
      name: 'zip bomb 2 × 1 GiB zeros',
      query: `${B}&fileName=bomb.zip`,
      make: () => hostile.zipBomb(1024 * MB, 2),
    },
    {
      name: 'zip-slip names',
      query: `${B}&fileName=slip.zip`,
      make: () => hostile.zipSlip('escape'),
    },
    {
      name: '100 MB single-line CSV',
      query: 'kind=issues&fileName=line.csv',
      make: () => hostile.hugeLine(100 * MB),
    },
    {
      name: '100 MB header cell CSV',
      query: 'kind=issues&fileName=cell.csv',
      make: () => hostile.hugeHeaderCell(100 * MB),
    },
    {
      name: '1M-vertex GeoJSON',
      query: `${B}&fileName=many.geojson`,
      make: () => hostile.manyVertices(1_000_000),
    },
    {
      name: 'GeoJSON nested 10M deep',
      query: `${B}&fileName=deep.geojson`,
      make: () => hostile.deepGeoJson(10_000_000),
    },
  ];

  for (let i = 0; i < 20; i++) idleHealth = Math.max(idleHealth, await healthMs());
  for (const c of cases) {
    if (values.only && !c.name.includes(values.only)) continue;
    const body = new Uint8Array(await c.make());
    const rssBefore = rssMb();
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 20);
    const started = performance.now();
    let done = false;
    const answer = fetch(`${base}/api/admin/imports?${c.query}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/octet-stream' },
      body,
    })
      .then(async (r) => {
        const json = (await r.json()) as { report?: { problems: { problem: string }[] } };
        return `${r.status} ${json.report?.problems[0]?.problem ?? '-'}`;
      })
      .catch((e: Error) => `connection: ${e.message}`)
      .finally(() => (done = true));
    let slowest = 0;
    do {
      slowest = Math.max(slowest, await healthMs());
      await new Promise((r) => setTimeout(r, 20));
    } while (!done);
    const refusal = await answer;
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const size = body.length >= MB ? `${(body.length / MB).toFixed(1)} MB` : `${body.length} B`;
    rows.push([
      c.name,
      size,
      refusal,
      `${seconds.toFixed(2)} s`,
      `${Math.round(peak)} MB (+${Math.round(peak - rssBefore)})`,
      `${Math.round(slowest)} ms`,
    ]);
    console.error(rows.at(-1)!.join(' | '));
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
}
if (dataDir) await rm(dataDir, { recursive: true, force: true });

console.log(`\nHealth's slowest answer with no import: ${Math.round(idleHealth)} ms\n`);
console.log('| file | size | refusal | time | server peak RSS | slowest health |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
