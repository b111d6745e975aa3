/** `npm run bench`'s client part (index.ts runs it last, on the city-scale server). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleReport } from './bundle.ts';
import { percentile, startServer, type Row } from './measure.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Bundle sizes, and navigation → first complete map at city scale and on the demo. */
export async function clientBench(
  cityBase: string,
  /** How many times the demo the city-scale data set is. */
  factor: number,
  record: (row: Row) => void,
): Promise<void> {
  const dist = join(ROOT, 'dist/client');
  if (!existsSync(join(dist, 'assets')))
    throw new Error('no dist/client: run `npm run build` first');
  const { chunks, modes } = bundleReport(dist);
  let total = 0;
  for (const { file, gzipKiB } of chunks.sort((a, b) => a.file.localeCompare(b.file))) {
    total += gzipKiB;
    if (gzipKiB > 20)
      record({
        section: 'client',
        measure: `bundle ${file.replace(/-[\w-]{8}\./, '.')} (gzip)`,
        value: gzipKiB,
        unit: 'KiB',
      });
  }
  for (const { mode, gzipKiB } of modes)
    record({
      section: 'client',
      measure: `bundle, first visit of ${mode} (gzip)`,
      value: gzipKiB,
      unit: 'KiB',
    });
  record({ section: 'client', measure: 'bundle, all chunks (gzip)', value: total, unit: 'KiB' });
  if (!existsSync(CHROMIUM)) {
    console.log(`  (no Chromium at ${CHROMIUM}: first-map times not measured)`);
    return;
  }
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS } = await import('../../tests/support/browser.ts');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const firstMap = async (base: string) => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      const start = performance.now();
      await page.goto(base);
      await page.waitForFunction(
        () => (window as unknown as { __atlas?: { ready: boolean } }).__atlas?.ready === true,
        undefined,
        { timeout: 120_000, polling: 100 },
      );
      times.push(performance.now() - start);
      await page.close();
    }
    return percentile(times, 50);
  };
  try {
    record({
      section: 'client',
      measure: `first complete map, ×${factor} city: median of 3`,
      value: await firstMap(cityBase),
      unit: 'ms',
    });
    const demo = await startServer({ DATABASE_URL: '', DATA_DIR: join(ROOT, '.bench-data') });
    try {
      record({
        section: 'client',
        measure: 'first complete map, demo (PGlite): median of 3',
        value: await firstMap(demo.base),
        unit: 'ms',
      });
    } finally {
      await demo.stop();
    }
  } finally {
    await browser.close();
  }
}
