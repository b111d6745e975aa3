/**
 * The auto-tour as pure state: which 片区 is highlighted, and whether someone at the wall has
 * paused it. Each tick moves to the next 片区 unless input came within the quiet period; input
 * pauses it where it is, a click on a 片区 shows that one.
 */

/** The tour. */
export interface TourState {
  /** The 片区 toured, in order; empty until known. */
  codes: readonly string[];
  /** Index of the highlighted one in `codes`. */
  index: number;
  /** Until when (ms since the epoch) the tour stays paused; null while running. */
  pausedUntil: number | null;
}

/** A tour that has not started. */
export const INITIAL_TOUR: TourState = { codes: [], index: 0, pausedUntil: null };

/** What happens to the tour, and when (ms since the epoch). */
export type TourAction =
  | { type: 'codes'; codes: readonly string[] }
  | { type: 'tick'; at: number }
  | { type: 'input'; at: number; quietMs: number }
  | { type: 'show'; code: string; at: number; quietMs: number };

/** The next tour state. */
export function tourReducer(state: TourState, action: TourAction): TourState {
  switch (action.type) {
    case 'codes': {
      const current = state.codes[state.index];
      const index = current === undefined ? 0 : Math.max(0, action.codes.indexOf(current));
      return { ...state, codes: action.codes, index };
    }
    case 'tick':
      if (state.codes.length === 0) return state;
      if (state.pausedUntil !== null && action.at < state.pausedUntil) return state;
      return { ...state, index: (state.index + 1) % state.codes.length, pausedUntil: null };
    case 'input':
      return { ...state, pausedUntil: action.at + action.quietMs };
    case 'show': {
      const index = state.codes.indexOf(action.code);
      return {
        ...state,
        index: index < 0 ? state.index : index,
        pausedUntil: action.at + action.quietMs,
      };
    }
  }
}

/** The highlighted 片区, or null before the codes are known. */
export function tourCode(state: TourState): string | null {
  return state.codes[state.index] ?? null;
}

/** Whether the tour is paused at `now`. */
export function tourPaused(state: TourState, now: number): boolean {
  return state.pausedUntil !== null && now < state.pausedUntil;
}
