/** Marks of a row: the highest and lowest value, when the values differ at all. */
export function extremes(values: readonly (number | null)[]): ('max' | 'min' | null)[] {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return values.map(() => null);
  const hi = Math.max(...known);
  const lo = Math.min(...known);
  if (hi === lo) return values.map(() => null);
  return values.map((v) => (v === hi ? 'max' : v === lo ? 'min' : null));
}

/** How a compare cell is marked: best or worst where the figure has a better way, else max/min. */
export type CompareMark = 'best' | 'worst' | 'max' | 'min';

/**
 * The marks of a row as the reader should take them: for a figure that is better higher (a
 * resolution rate) or lower (issues per worker) its extremes are best and worst; for a size or
 * a count they are only the largest and smallest, and neither is flagged as bad.
 */
export function judgedExtremes(
  values: readonly (number | null)[],
  better: 'higher' | 'lower' | undefined,
): (CompareMark | null)[] {
  return extremes(values).map((mark) => {
    if (mark === null || better === undefined) return mark;
    return (mark === 'max') === (better === 'higher') ? 'best' : 'worst';
  });
}
