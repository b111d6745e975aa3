/**
 * Soak test of the big screen: runs it in headless Chromium against a server that writes
 * `--rate` changes a second (the server's own event simulator, SIMULATE_EVENTS) for
 * `--minutes`, and reports what must not grow on a screen that runs for days: the JS heap after
 * a forced garbage collection, DOM nodes, event listeners, the ticker's list, the map pulses and
 * the deck.gl layers, at the start, every minute, and at the end. Prints a table and JSON, writes
 * the JSON to `--out`, and exits 1 when anything grew without bound.
 *
 *   npm run soak                                   # 10 min at 20 events/s, embedded database
 *   npm run soak -- --minutes 2 --rate 5
 *   DATABASE_URL=postgres://… npm run soak         # the server on PostgreSQL
 *   npm run soak -- --url http://127.0.0.1:8080    # a server already running (and writing)
 *
 * Without `--url` a server is started on a free port: the embedded database in a temporary
 * folder (or `--data-dir`, seeded on first use), or DATABASE_URL; the client from `--client`
 * (default dist/client, built if missing). Chromium from CHROMIUM_PATH or /usr/bin/chromium.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/support/browser.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '20' },
    url: { type: 'string' },
    client: { type: 'string', default: join(ROOT, 'dist/client') },
    'data-dir': { type: 'string' },
    width: { type: 'string', default: '1920' },
    height: { type: 'string', default: '1080' },
    interval: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '30' },
    out: { type: 'string', default: join(ROOT, 'test-results/soak-screen.json') },
  },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const width = Number(values.width);
const height = Number(values.height);
const warmupS = Number(values.warmup);
if (!(minutes > 0)) throw new Error(`--minutes must be > 0, got ${values.minutes}`);
if (!(rate > 0 && rate <= 1000)) throw new Error(`--rate must be 0..1000, got ${values.rate}`);
if (!(width >= 320 && height >= 240)) throw new Error('--width/--height too small');

/** One measurement of the page. */
interface Sample {
  atS: number;
  /** JS heap in use after a full garbage collection (MB). */
  heapMB: number;
  domNodes: number;
  listeners: number;
  ticker: number;
  pulses: number;
  deckLayers: number;
  lastEventId: number | null;
  summaryLoads: number;
  stream: string;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => res(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess | null, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child && child.exitCode !== null) throw new Error('the server exited while starting');
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`no healthy server at ${url} after ${timeoutMs / 1000} s`);
}

/** Starts the server with the simulator on; returns its URL and how to stop it. */
async function startServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const clientDir = resolve(values.client);
  if (!existsSync(join(clientDir, 'index.html'))) {
    console.log(`building the client into ${clientDir} …`);
    const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', clientDir], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('the client build failed');
  }
  const port = await freePort();
  const temporary = !values['data-dir'] && !process.env.DATABASE_URL;
  const dataDir = values['data-dir']
    ? resolve(values['data-dir'])
    : mkdtempSync(join(tmpdir(), 'atlas-soak-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/server.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR: clientDir,
      SIMULATE_EVENTS: String(rate),
      // One screen asks a few times a second; the soak is not a rate-limit test.
      RATE_LIMIT_PER_MIN: '100000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  // A first start loads the demo data set into the embedded database (a minute or two).
  await waitForHealth(url, child, 300_000);
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (temporary) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function sample(page: Page, cdp: CDPSession, startedAt: number): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  const screen = await page.evaluate(() => window.__screen ?? null);
  return {
    atS: Math.round((Date.now() - startedAt) / 1000),
    heapMB: Math.round((heap.usedSize / 1024 / 1024) * 10) / 10,
    domNodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    ticker: screen?.tickerLength ?? 0,
    pulses: screen?.pulses ?? 0,
    deckLayers: screen?.deckLayers ?? 0,
    lastEventId: screen?.lastEventId ?? null,
    summaryLoads: screen?.summaryLoads ?? 0,
    stream: screen?.stream ?? 'none',
  };
}

function table(rows: Sample[]): string {
  const head = [
    'at (s)',
    'heap MB',
    'DOM nodes',
    'listeners',
    'ticker',
    'pulses',
    'deck layers',
    'last event',
    'summaries',
    'stream',
  ];
  const body = rows.map((r) => [
    r.atS,
    r.heapMB,
    r.domNodes,
    r.listeners,
    r.ticker,
    r.pulses,
    r.deckLayers,
    r.lastEventId ?? '-',
    r.summaryLoads,
    r.stream,
  ]);
  const all = [head, ...body].map((row) => row.map(String));
  const widths = head.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return all
    .map((row, n) => {
      const line = row.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
      return n === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

const server = values.url ? { url: values.url, stop: async () => {} } : await startServer();
const profile = mkdtempSync(join(tmpdir(), 'atlas-soak-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width, height },
  args: CHROMIUM_ARGS,
});
let failed = false;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${server.url}/?mode=screen&tour=on&interval=${values.interval}`);
  await page.waitForFunction(() => window.__screen?.stream === 'live', undefined, {
    timeout: 120_000,
  });
  console.log(
    `soak: screen ${width}x${height} live at ${server.url}, ${rate} events/s for ${minutes} min ` +
      `(warm-up ${warmupS} s, tour every ${values.interval} s)`,
  );
  await page.waitForTimeout(warmupS * 1000);

  const startedAt = Date.now();
  const samples: Sample[] = [await sample(page, cdp, startedAt)];
  console.log(table(samples));
  const endAt = startedAt + minutes * 60_000;
  while (Date.now() < endAt) {
    await page.waitForTimeout(Math.min(60_000, endAt - Date.now()));
    const s = await sample(page, cdp, startedAt);
    samples.push(s);
    console.log(table([s]).split('\n').slice(2).join('\n'));
  }

  const start = samples[0]!;
  const end = samples[samples.length - 1]!;
  const events =
    start.lastEventId !== null && end.lastEventId !== null
      ? end.lastEventId - start.lastEventId
      : 0;
  // Bounded: the lists never pass their bounds, and the heap and DOM end within noise of where
  // they started (garbage collected before each sample).
  const checks = {
    tickerBounded: samples.every((s) => s.ticker <= 50),
    pulsesBounded: samples.every((s) => s.pulses <= 60),
    deckLayersBounded: samples.every((s) => s.deckLayers <= start.deckLayers + 10),
    heapBounded: end.heapMB <= start.heapMB * 1.25 + 5,
    domBounded: end.domNodes <= start.domNodes * 1.1 + 200,
    listenersBounded: end.listeners <= start.listeners * 1.1 + 50,
    streamLive: end.stream === 'live',
    noPageErrors: errors.length === 0,
  };
  failed = Object.values(checks).some((ok) => !ok);
  const report = {
    viewport: { width, height },
    rate,
    minutes,
    eventsSeen: events,
    eventsPerSecond: Math.round((events / (end.atS - start.atS || 1)) * 10) / 10,
    start,
    end,
    growth: {
      heapMB: Math.round((end.heapMB - start.heapMB) * 10) / 10,
      domNodes: end.domNodes - start.domNodes,
      listeners: end.listeners - start.listeners,
    },
    checks,
    pageErrors: errors.slice(0, 20),
    samples,
  };
  console.log(`\nstart and end:\n${table([start, end])}\n`);
  console.log(JSON.stringify({ ...report, samples: undefined }, null, 2));
  mkdirSync(dirname(resolve(values.out)), { recursive: true });
  writeFileSync(resolve(values.out), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nsoak: ${failed ? 'FAILED' : 'bounded'}; report in ${values.out}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await server.stop();
}
process.exit(failed ? 1 : 0);
