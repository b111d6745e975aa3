/** Marks of a row: the highest and lowest value, when the values differ at all. */
export function extremes(values: readonly (number | null)[]): ('max' | 'min' | null)[] {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return values.map(() => null);
  const hi = Math.max(...known);
  const lo = Math.min(...known);
  if (hi === lo) return values.map(() => null);
  return values.map((v) => (v === hi ? 'max' : v === lo ? 'min' : null));
}
