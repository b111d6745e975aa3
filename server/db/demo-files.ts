/**
 * The demo data set's files (geodata/): where they are, how they are read, and the version
 * and load day they amount to. The seed (seed.ts) loads them; the health route and the tests
 * read their version without loading anything.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { loadDay } from './demo-calendar.ts';

/** The committed demo data set. */
export const GEODATA_DIR = fileURLToPath(new URL('../../geodata/', import.meta.url));

export interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

export async function readFeatures(dir: string, file: string): Promise<Feature[]> {
  const fc = JSON.parse(await readFile(dir + file, 'utf8')) as { features: Feature[] };
  return fc.features;
}

export async function readCsv(dir: string, file: string): Promise<Record<string, string>[]> {
  return parse(await readFile(dir + file), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  }) as Record<string, string>[];
}

/**
 * The day the demo's record is run up to: `DEMO_TODAY` (YYYY-MM-DD) when set, for runs that
 * need a fixed date, else today on the demo's own clock (geodata/dataset.json).
 */
export async function demoLoadDay(dir = GEODATA_DIR): Promise<string> {
  return loadDay((await readDatasetFile(dir)).timeZone, process.env.DEMO_TODAY);
}

/**
 * Hash of every file in geodata/ and of the load day (default: demoLoadDay): the data
 * version reported by the health route. The same files loaded on another day are other data.
 */
export async function geodataVersion(dir = GEODATA_DIR, day?: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await readdir(dir)).sort()) {
    if (!/\.(geojson|csv|json)$/.test(file)) continue;
    hash.update(file).update(await readFile(dir + file));
  }
  hash.update('load day').update(day ?? (await demoLoadDay(dir)));
  return hash.digest('hex').slice(0, 12);
}

/** What the demo says of itself (`geodata/dataset.json`): its name and its clock. */
export interface DatasetFile {
  name: string;
  /** IANA time zone of the zone's clock. */
  timeZone: string;
}

export async function readDatasetFile(dir = GEODATA_DIR): Promise<DatasetFile> {
  return JSON.parse(await readFile(dir + 'dataset.json', 'utf8')) as DatasetFile;
}
