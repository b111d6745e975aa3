import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { openSecondDistrictDb } from './second-district-db.ts';
import { DEFAULT_OPTIONS, type SecondDistrictOptions } from './second-district.ts';

/**
 * Gives a suite the application on the second district (loaded through the import, no demo),
 * built once for the suite and driven with `app.inject`. The suites using it only read.
 */
export function useSecondDistrictApp(o: SecondDistrictOptions = DEFAULT_OPTIONS): {
  app: () => FastifyInstance;
  db: () => Db;
} {
  let db: Db | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    db = await openSecondDistrictDb(o);
    app = await buildApp({
      db,
      rateLimitPerMinute: 100_000,
      loginRateLimitPerMinute: 100_000,
      publicDemo: true,
    });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });
  return { app: () => app!, db: () => db! };
}

const GEODATA = fileURLToPath(new URL('../../geodata/', import.meta.url));

/**
 * What of the demo must never show with the second district: the names and codes of its
 * areas (read from its own geodata files, so the list follows the demo), its streets' codes
 * and names, the city's name and the months of its record.
 */
export async function demoStrings(): Promise<{
  names: string[];
  codes: string[];
  streets: string[];
  months: string[];
}> {
  const names = new Set<string>(['威海']);
  const codes = new Set<string>();
  for (const level of ['zone', 'pianqu', 'shequ', 'xiaoqu']) {
    const fc = JSON.parse(await readFile(`${GEODATA}${level}.geojson`, 'utf8')) as {
      features: { properties: { code: string; name: string } }[];
    };
    for (const f of fc.features) {
      names.add(f.properties.name);
      codes.add(f.properties.code);
    }
  }
  const streets: string[] = [];
  const lines = (await readFile(`${GEODATA}streets.csv`, 'utf8')).trim().split(/\r?\n/).slice(1);
  for (const line of lines) {
    const [code, name] = line.split(',');
    streets.push(code!, name!);
  }
  // The demo record's months, from its issues file (reported_at is the fifth column).
  const months = new Set<string>();
  const issues = (await readFile(`${GEODATA}issues.csv`, 'utf8')).split('\n').slice(1);
  for (const line of issues) {
    const at = line.split(',')[4];
    if (at) months.add(at.slice(0, 7));
  }
  return { names: [...names], codes: [...codes], streets, months: [...months].sort() };
}
