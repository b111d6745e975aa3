import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';

/** The tile at zoom z holding a lon/lat (slippy-map scheme). */
export { tileOf } from '../../server/contract/web-mercator.ts';

/** A vector tile's layers (an empty body decodes to no layers). */
export function decodeTile(body: Uint8Array): VectorTile {
  return new VectorTile(new Pbf(body));
}

/** The properties of every feature of one layer of a tile ([] if the layer is absent). */
export function tileProperties(body: Uint8Array, layer: string): Record<string, unknown>[] {
  const l = decodeTile(body).layers[layer];
  if (!l) return [];
  return Array.from({ length: l.length }, (_, i) => l.feature(i).properties);
}
