import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Feature, Geometry, Position } from 'geojson';

/** 6 decimals of a degree is about 0.1 m here: finer than any boundary we could know. */
export function round6(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  // -0 would print as 0 but compare differently; keep the bytes boring.
  return r === 0 ? 0 : r;
}

export function roundPosition(p: Position): Position {
  return [round6(p[0] as number), round6(p[1] as number)];
}

export function roundGeometry(g: Geometry): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: roundPosition(g.coordinates) };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(roundPosition) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(roundPosition)) };
    case 'MultiPolygon':
      return {
        type: 'MultiPolygon',
        coordinates: g.coordinates.map((p) => p.map((r) => r.map(roundPosition))),
      };
    case 'MultiLineString':
      return {
        type: 'MultiLineString',
        coordinates: g.coordinates.map((l) => l.map(roundPosition)),
      };
    default:
      throw new Error(`unexpected geometry type ${g.type}`);
  }
}

export function feature(properties: Record<string, unknown>, geometry: Geometry): Feature {
  return { type: 'Feature', properties, geometry: roundGeometry(geometry) };
}

/** One feature per line: small files that still diff line by line in git. */
export function writeGeoJson(path: string, features: Feature[]): number {
  const body = features.map((f) => JSON.stringify(f)).join(',\n');
  return writeText(path, `{"type":"FeatureCollection","features":[\n${body}\n]}\n`);
}

export type CsvValue = string | number | null | undefined;

function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** RFC 4180 quoting, UTF-8 without BOM, header first, LF line ends. */
export function writeCsv(path: string, header: readonly string[], rows: CsvValue[][]): number {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`${path}: row width ${row.length}`);
    lines.push(row.map(csvField).join(','));
  }
  return writeText(path, lines.join('\n') + '\n');
}

/** Two-space JSON with a final newline, as a person would write it. */
export function writeJson(path: string, value: unknown): number {
  return writeText(path, JSON.stringify(value, null, 2) + '\n');
}

function writeText(path: string, text: string): number {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, 'utf8');
  return Buffer.byteLength(text, 'utf8');
}
