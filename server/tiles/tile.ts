import type { FastifyRequest } from 'fastify';

/** Why a tile address does not exist (x or y beyond the zoom), or null. */
export function tileProblem(z: number, x: number, y: number): string | null {
  const size = 2 ** z;
  return x >= size || y >= size
    ? `tile ${z}/${x}/${y} does not exist: at zoom ${z} x and y run from 0 to ${size - 1}`
    : null;
}

/** A tile coordinate as written by every tile client: decimal digits, no sign, no leading 0. */
const CANONICAL_INTEGER = /^(0|[1-9][0-9]{0,6})$/;

/**
 * Why a tile address's z, x or y as written in the path is not a canonical integer, or null.
 * The schema's coercion reads `0x0e`, `14.0`, ` 14`, `+14` and `014` all as 14: one tile would
 * answer at many addresses, each cached apart, so only the plain form is a tile.
 */
export function tileAddressProblem(params: unknown): string | null {
  for (const part of ['z', 'x', 'y'] as const) {
    const value = (params as Record<string, unknown> | null)?.[part];
    if (typeof value === 'string' && !CANONICAL_INTEGER.test(value)) {
      return `params/${part} must be a whole number in decimal digits without sign or leading zeros, got ${JSON.stringify(value.slice(0, 20))}`;
    }
  }
  return null;
}

/**
 * A route's preValidation hook that refuses, with 400, a tile address not written canonically
 * (see {@link tileAddressProblem}). It runs before the schema coerces the path's text.
 */
export async function canonicalTileAddress(request: FastifyRequest): Promise<void> {
  const problem = tileAddressProblem(request.params);
  if (problem) throw request.server.httpErrors.badRequest(problem);
}
