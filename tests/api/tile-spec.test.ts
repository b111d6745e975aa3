/**
 * Every area tile of the zone as the reference decoder (@mapbox/vector-tile) reads it, checked
 * against the MVT 2.1 spec: polygons whose first ring is an exterior (positive area by the
 * surveyor's formula in tile coordinates, y down), no ring of fewer than four points or of no
 * area, coordinates inside the extent and its buffer, and every feature with the fields the
 * TileJSON declares, of the declared types. Tiles: every composite tile of the TileJSON's
 * bounds at every zoom it serves (8–16: 1,570 tiles for the demo zone); the single-level tiles
 * (whose bytes the composite tile concatenates) at every zoom up to 15 (414 tiles each), to keep
 * CI's time in bounds.
 */
import { describe, expect, it } from 'vitest';
import type { VectorTileLayer } from '@mapbox/vector-tile';
import { MAP_LEVELS, type TileJson } from '../../server/contract/index.ts';
import { useTestApp } from '../support/test-app.ts';
import { decodeTile, tileOf } from '../support/tiles.ts';

const EXTENT = 4096;
/** The buffer the tiles are clipped with, beyond each edge (area-tile-*.sql). */
const BUFFER = 64;
/** The highest zoom whose single-level tiles are all checked (the composite's go to 16). */
const SINGLE_LEVEL_MAX_ZOOM = 15;

/** The signed area of a ring by the surveyor's formula (positive = exterior, per the spec). */
function ringArea(ring: { x: number; y: number }[]): number {
  let a = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    a += ring[i]!.x * ring[i + 1]!.y - ring[i + 1]!.x * ring[i]!.y;
  }
  return a / 2;
}

/** Every tile address inside the bounds at zoom z. */
function tilesOf(bounds: TileJson['bounds'], z: number): [number, number][] {
  const nw = tileOf(bounds[0], bounds[3], z);
  const se = tileOf(bounds[2], bounds[1], z);
  const out: [number, number][] = [];
  for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) out.push([x, y]);
  return out;
}

/** What is wrong with a layer by the spec and the declared fields (empty when nothing). */
function problems(layer: VectorTileLayer, fields: Record<string, string>, where: string): string[] {
  const found: string[] = [];
  if (layer.extent !== EXTENT) found.push(`${where}: extent ${layer.extent}`);
  for (let i = 0; i < layer.length; i++) {
    const f = layer.feature(i);
    const at = `${where} ${String(f.properties.code)}`;
    if (f.type !== 3) found.push(`${at}: type ${f.type}, not a polygon`);
    for (const [name, type] of Object.entries(fields)) {
      const value = f.properties[name];
      const ok =
        type === 'String'
          ? typeof value === 'string'
          : typeof value === 'number' && Number.isFinite(value);
      if (!ok) found.push(`${at}: ${name} = ${JSON.stringify(value)}, not a ${type}`);
    }
    const rings = f.loadGeometry();
    if (rings.length === 0) found.push(`${at}: no rings`);
    rings.forEach((ring, r) => {
      const area = ringArea(ring);
      if (ring.length < 4) found.push(`${at}: ring ${r} has ${ring.length} points`);
      if (area === 0) found.push(`${at}: ring ${r} has no area`);
      if (r === 0 && area <= 0) found.push(`${at}: first ring is not an exterior (area ${area})`);
      for (const p of ring) {
        if (p.x < -BUFFER || p.x > EXTENT + BUFFER || p.y < -BUFFER || p.y > EXTENT + BUFFER) {
          found.push(`${at}: point ${p.x},${p.y} outside the extent and buffer`);
          break;
        }
      }
    });
    // The decoder groups rings by their winding: as many polygons as exterior rings.
    const exteriors = rings.filter((ring) => ringArea(ring) > 0).length;
    const geometry = f.toGeoJSON(0, 0, 0).geometry;
    const polygons = geometry.type === 'MultiPolygon' ? geometry.coordinates.length : 1;
    if (polygons !== exteriors) found.push(`${at}: ${polygons} polygons, ${exteriors} exteriors`);
  }
  return found;
}

describe('every area tile of the zone, by the MVT spec', () => {
  // Cache off: every tile is produced as a miss would produce it, and not compressed.
  const t = useTestApp({ tileCacheBytes: 0 });

  /** Checks every tile of a set up to `maxzoom` (default the set's own). */
  async function check(set: string, layers: readonly string[], maxzoom?: number) {
    const tj = (await t.app().inject(`/tiles/${set}.json`)).json() as TileJson;
    const fields = new Map(tj.vector_layers.map((l) => [l.id, l.fields]));
    expect([...fields.keys()]).toEqual([...layers]);
    const found: string[] = [];
    const features = new Map<string, number>(layers.map((l) => [l, 0]));
    let tiles = 0;
    for (let z = tj.minzoom; z <= (maxzoom ?? tj.maxzoom); z++) {
      for (const [x, y] of tilesOf(tj.bounds, z)) {
        const url = tj.tiles[0]!.replace('{z}', String(z))
          .replace('{x}', String(x))
          .replace('{y}', String(y));
        const res = await t.app().inject(new URL(url).pathname);
        expect([200, 204], url).toContain(res.statusCode);
        tiles++;
        const decoded = decodeTile(res.rawPayload);
        for (const [name, layer] of Object.entries(decoded.layers)) {
          if (!fields.has(name)) {
            found.push(`${z}/${x}/${y}: undeclared layer ${name}`);
            continue;
          }
          features.set(name, features.get(name)! + layer.length);
          found.push(...problems(layer, fields.get(name)!, `${name} ${z}/${x}/${y}`));
        }
      }
    }
    expect(found.slice(0, 20)).toEqual([]);
    return { tiles, features };
  }

  it('keeps the composite tiles to the spec', { timeout: 1_200_000 }, async () => {
    const { tiles, features } = await check('areas', MAP_LEVELS);
    expect(tiles).toBeGreaterThan(100);
    for (const level of MAP_LEVELS) expect(features.get(level), level).toBeGreaterThan(0);
  });

  it.each(MAP_LEVELS)('keeps the %s tiles to the spec', { timeout: 1_200_000 }, async (level) => {
    const { features } = await check(level, [level], SINGLE_LEVEL_MAX_ZOOM);
    expect(features.get(level)).toBeGreaterThan(0);
  });
});
