/** Why a tile address does not exist (x or y beyond the zoom), or null. */
export function tileProblem(z: number, x: number, y: number): string | null {
  const size = 2 ** z;
  return x >= size || y >= size
    ? `tile ${z}/${x}/${y} does not exist: at zoom ${z} x and y run from 0 to ${size - 1}`
    : null;
}
