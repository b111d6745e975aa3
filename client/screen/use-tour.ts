import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { INITIAL_TOUR, tourCode, tourReducer } from './tour.ts';
import type { ScreenParams } from './screen-params.ts';

/** What {@link useTour} gives the screen. */
export interface Tour {
  /** The highlighted 片区, or null (tour off, or the 片区 not known yet). */
  code: string | null;
  /** Someone at the wall paused it. */
  paused: boolean;
  /** Shows a 片区 (clicked on the map) and pauses there. */
  show(code: string): void;
}

/** Input that pauses the tour. */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'wheel', 'keydown', 'touchstart'] as const;

/**
 * Runs the auto-tour: the next 片区 every `intervalS`, paused by any pointer or keyboard input
 * until `quietS` have passed without any. Every timer and listener goes with the screen.
 */
export function useTour(params: ScreenParams, pianquCodes: readonly string[] | null): Tour {
  const [state, dispatch] = useReducer(tourReducer, INITIAL_TOUR);
  const quietMs = params.quietS * 1000;
  const off = params.tour === 'off';

  const { tour: wanted } = params;
  let listKey = '';
  if (wanted === 'all' && pianquCodes) listKey = pianquCodes.join(',');
  else if (Array.isArray(wanted) && pianquCodes)
    listKey = wanted.filter((c) => pianquCodes.includes(c)).join(',');
  const codes = useMemo(() => (listKey ? listKey.split(',') : []), [listKey]);
  useEffect(() => dispatch({ type: 'codes', codes }), [codes]);

  useEffect(() => {
    if (off) return;
    const timer = setInterval(
      () => dispatch({ type: 'tick', at: Date.now() }),
      params.intervalS * 1000,
    );
    return () => clearInterval(timer);
  }, [off, params.intervalS]);

  // Input pauses the tour: told at most once a second (pointermove fires at every frame).
  const lastInput = useRef(0);
  useEffect(() => {
    if (off) return;
    const onInput = () => {
      const now = Date.now();
      if (now - lastInput.current < 1000) return;
      lastInput.current = now;
      dispatch({ type: 'input', at: now, quietMs });
    };
    for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, { passive: true });
    return () => {
      for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput);
    };
  }, [off, quietMs]);

  const show = useCallback(
    (code: string) => dispatch({ type: 'show', code, at: Date.now(), quietMs }),
    [quietMs],
  );
  return { code: off ? null : tourCode(state), paused: !off && state.pausedUntil !== null, show };
}
