/** Number formats of the planner's tables (the same digits in both languages). */

const fixed = [0, 1, 2, 3].map(
  (digits) =>
    new Intl.NumberFormat('zh-CN', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }),
);

/** A ratio with `digits` decimals, or a dash when it has no divisor. */
export function formatRatio(value: number | null, digits: number): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return fixed[Math.max(0, Math.min(3, digits))]!.format(value);
}

/** A signed percentage with one decimal: +4.2%, −12.0%. */
export function formatSignedPct(fraction: number): string {
  const v = fraction * 100;
  const text = fixed[1]!.format(Math.abs(v));
  return `${v > 0.05 ? '+' : v < -0.05 ? '−' : '±'}${text}%`;
}

/** An area in km² with two decimals. */
export function formatArea(m2: number): string {
  return `${fixed[2]!.format(m2 / 1e6)} km²`;
}
