/** Readers of query parameters the overlays' URL codecs share. Pure. */

/** The keys of a comma-separated list that `vocabulary` has, in its order. */
export function listOf<T extends string>(value: string | null, vocabulary: readonly T[]): T[] {
  if (!value) return [];
  const wanted = new Set(value.split(','));
  // Vocabulary order, duplicates and unknown keys dropped: one state, one URL.
  return vocabulary.filter((key) => wanted.has(key));
}

/** An integer parameter within min..max, or the fallback. */
export function intIn(value: string | null, min: number, max: number, fallback: number): number {
  if (value === null || !/^\d+$/.test(value)) return fallback;
  const n = Number(value);
  return n >= min && n <= max ? n : fallback;
}
