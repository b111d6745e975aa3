import type { FastifyReply } from 'fastify';

/** Why a tile address does not exist (x or y beyond the zoom), or null. */
export function tileProblem(z: number, x: number, y: number): string | null {
  const size = 2 ** z;
  return x >= size || y >= size
    ? `tile ${z}/${x}/${y} does not exist: at zoom ${z} x and y run from 0 to ${size - 1}`
    : null;
}

/** Sends an encoded vector tile (possibly empty) with its content type and cache lifetime. */
export function sendTile(reply: FastifyReply, tile: Uint8Array, maxAgeS: number) {
  return reply
    .header('content-type', 'application/vnd.mapbox-vector-tile')
    .header('cache-control', `public, max-age=${maxAgeS}`)
    .send(Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength));
}
