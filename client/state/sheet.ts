/**
 * The bottom sheet of narrow screens, pure: the profile panel lies over the map's lower part at
 * one of three heights (peek: the area's name; half; full) and is pulled between them by its
 * handle. A press on the handle starts a drag, moves follow the finger, and the release snaps:
 * a release in place is a tap and steps to the next height; a pull goes on to the height in its
 * direction nearest to where the finger let go.
 */

/** The heights the sheet rests at. */
export type SheetSnap = 'peek' | 'half' | 'full';

export const SHEET_SNAPS: readonly SheetSnap[] = ['peek', 'half', 'full'];

/** The sheet's resting heights in px, `peek <= half <= full`. */
export type SheetHeights = Readonly<Record<SheetSnap, number>>;

export interface SheetState {
  snap: SheetSnap;
  /** A drag in progress: where the finger went down, the height then, and where it is now. */
  drag: { startY: number; startHeight: number; y: number } | null;
}

export type SheetAction =
  | { type: 'press'; y: number; heights: SheetHeights }
  | { type: 'move'; y: number }
  | { type: 'release'; y: number; heights: SheetHeights }
  /** The browser took the gesture over (pointercancel): back to where it rested. */
  | { type: 'cancel' }
  /** The handle pressed by keyboard, or a tap: the next height. */
  | { type: 'step' }
  | { type: 'snap'; snap: SheetSnap };

export const INITIAL_SHEET: SheetState = { snap: 'peek', drag: null };

/** A finger that moved less than this (px) between press and release tapped. */
export const TAP_SLOP = 8;
/** A pull shorter than this (px) falls back to where the sheet rested. */
export const PULL_THRESHOLD = 40;

/** Enough of the sheet to show the handle and the area's name, breadcrumb and tags. */
const PEEK = 150;
/** The map keeps this much above a full sheet, so the user sees there is a map beneath. */
const FULL_GAP = 12;

/** The resting heights in a main area (below the header) `available` px high. */
export function sheetHeights(available: number): SheetHeights {
  const room = Math.max(0, Math.round(available));
  const full = Math.max(0, room - FULL_GAP);
  const half = Math.min(full, Math.round(room / 2));
  const peek = Math.min(half, PEEK);
  return { peek, half, full };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The sheet's height now: its resting height, or where the finger holds it. */
export function sheetHeight(state: SheetState, heights: SheetHeights): number {
  if (!state.drag) return heights[state.snap];
  const { startY, startHeight, y } = state.drag;
  return clamp(startHeight + (startY - y), heights.peek, heights.full);
}

/** Tapping steps up to full, then back down to peek. */
function nextSnap(snap: SheetSnap): SheetSnap {
  return snap === 'peek' ? 'half' : snap === 'half' ? 'full' : 'peek';
}

/** Where a pull of `moved` px (up positive) from `from`, let go at `height`, rests. */
function pulledTo(
  from: SheetSnap,
  moved: number,
  height: number,
  heights: SheetHeights,
): SheetSnap {
  if (Math.abs(moved) < PULL_THRESHOLD) return from;
  const start = heights[from];
  const ahead = SHEET_SNAPS.filter((s) => (moved > 0 ? heights[s] > start : heights[s] < start));
  if (ahead.length === 0) return from;
  return ahead.reduce((best, s) =>
    Math.abs(heights[s] - height) < Math.abs(heights[best] - height) ? s : best,
  );
}

export function updateSheet(state: SheetState, action: SheetAction): SheetState {
  switch (action.type) {
    case 'press':
      return {
        snap: state.snap,
        drag: { startY: action.y, startHeight: sheetHeight(state, action.heights), y: action.y },
      };
    case 'move':
      return state.drag ? { ...state, drag: { ...state.drag, y: action.y } } : state;
    case 'release': {
      if (!state.drag) return state;
      const moved = state.drag.startY - action.y;
      if (Math.abs(moved) < TAP_SLOP) return { snap: nextSnap(state.snap), drag: null };
      const height = sheetHeight(
        { ...state, drag: { ...state.drag, y: action.y } },
        action.heights,
      );
      return { snap: pulledTo(state.snap, moved, height, action.heights), drag: null };
    }
    case 'cancel':
      return state.drag ? { ...state, drag: null } : state;
    case 'step':
      return { snap: nextSnap(state.snap), drag: null };
    case 'snap':
      return state.snap === action.snap && !state.drag ? state : { snap: action.snap, drag: null };
  }
}
