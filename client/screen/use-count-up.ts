import { useEffect, useRef, useState } from 'react';
import { easeCubicOut, interpolateNumber } from 'd3';

/** How long a figure takes to count to its new value (ms). */
export const COUNT_UP_MS = 900;

/** Whether the viewer asked the system for less motion. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * The figure to show for `value`: counts from the figure shown to the new value over
 * {@link COUNT_UP_MS} when it changes (from 0 at first), at once when the viewer prefers less
 * motion. One animation frame loop per change, cancelled when the value changes again or the
 * tile goes away.
 */
export function useCountUp(value: number): number {
  const [shown, setShown] = useState(0);
  const shownRef = useRef(0);
  useEffect(() => {
    const from = shownRef.current;
    if (from === value) return;
    const still = prefersReducedMotion();
    const interpolate = interpolateNumber(from, value);
    let start: number | null = null;
    let frame = 0;
    const step = (t: number) => {
      start ??= t;
      const k = still ? 1 : Math.min(1, (t - start) / COUNT_UP_MS);
      const v = Math.round(interpolate(easeCubicOut(k)));
      shownRef.current = v;
      setShown(v);
      if (k < 1) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [value]);
  return shown;
}
