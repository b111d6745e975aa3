/**
 * Load test: 200 concurrent clients for 60 s on a mix of vector tiles, area statistics, area
 * lists and health, against the server on a real PostGIS (DATABASE_URL) or the embedded one.
 * Prints throughput, latency percentiles and errors; exits 1 on any error or non-2xx answer.
 *
 *   DATABASE_URL=postgres://… npm run bench:load [-- --connections 200 --seconds 60]
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openDbOrExit } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { seedDemo } from '../../server/db/seed.ts';
import { tileOf } from '../../tests/support/tiles.ts';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    url: { type: 'string' },
  },
});

// With --url the server under test runs in its own process (fairer on a small machine);
// otherwise it is started here on DATABASE_URL or the embedded database.
let stop = async () => {};
let base = values.url;
if (!base) {
  const config = loadConfig();
  const db = await openDbOrExit({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(db);
  await seedDemo(db);
  // The per-client limiter would otherwise throttle this single load generator.
  const app = await buildApp({ db, publicDemo: true, rateLimitPerMinute: 10_000_000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  stop = async () => {
    await app.close();
    await db.close();
  };
}

const get = async <T>(path: string): Promise<T> => (await fetch(base + path)).json() as Promise<T>;
const health = await get<{ backend: string }>('/api/health');
const areas: string[] = ['371071'];
for (const level of ['pianqu', 'shequ', 'xiaoqu']) {
  const fc = await get<{ features: { id: string }[] }>(`/api/areas?level=${level}&zoom=10`);
  areas.push(...fc.features.map((f) => f.id));
}
const zone = await get<{ bbox: [number, number, number, number] }>('/api/areas/371071');
const [w, s, e, n] = zone.bbox;
const tiles: string[] = [];
for (const z of [10, 11, 12, 13, 14]) {
  const { x: x0, y: y0 } = tileOf(w, n, z);
  const { x: x1, y: y1 } = tileOf(e, s, z);
  for (let x = x0; x <= x1; x++)
    for (let y = y0; y <= y1; y++)
      for (const layer of ['pianqu', 'shequ', 'xiaoqu'])
        tiles.push(`/tiles/${layer}/${z}/${x}/${y}.mvt`);
}
let i = 0;
const pick = <T>(xs: T[]) => xs[(i = (i * 1103515245 + 12345) & 0x7fffffff) % xs.length]!;
const mix = [
  ...Array<() => string>(6).fill(() => pick(tiles)),
  ...Array<() => string>(2).fill(() => `/api/figures?codes=${pick(areas)}`),
  () => `/api/areas?level=${pick(['pianqu', 'shequ', 'xiaoqu'])}&zoom=${pick([11, 12, 13, 14])}`,
  () => '/api/health',
];

console.log(
  `load: ${values.connections} clients × ${values.seconds} s on ${health.backend}, ${tiles.length} tiles, ${areas.length} areas`,
);
const result = await autocannon({
  url: base,
  connections: Number(values.connections),
  duration: Number(values.seconds),
  requests: [{ setupRequest: (req) => ({ ...req, path: pick(mix)() }) }],
});
await stop();

const l = result.latency;
console.log(`requests: ${result.requests.total} (${result.requests.average.toFixed(0)}/s)`);
console.log(`latency ms: p50 ${l.p50}  p90 ${l.p90}  p99 ${l.p99}  max ${l.max}`);
console.log(`errors: ${result.errors}  timeouts: ${result.timeouts}  non-2xx: ${result.non2xx}`);
process.exit(result.errors + result.timeouts + result.non2xx === 0 ? 0 : 1);
