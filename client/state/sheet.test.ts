import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INITIAL_SHEET,
  PULL_THRESHOLD,
  SHEET_SNAPS,
  TAP_SLOP,
  sheetHeight,
  sheetHeights,
  updateSheet,
  type SheetAction,
  type SheetState,
} from './sheet.ts';

// A phone's main area at 390×844 under the 56 px header.
const HEIGHTS = sheetHeights(788);

function run(actions: SheetAction[], from: SheetState = INITIAL_SHEET): SheetState {
  return actions.reduce(updateSheet, from);
}

/** A press at `y`, a move and a release `dy` px lower (negative: higher). */
function pull(y: number, dy: number): SheetAction[] {
  return [
    { type: 'press', y, heights: HEIGHTS },
    { type: 'move', y: y + dy },
    { type: 'release', y: y + dy, heights: HEIGHTS },
  ];
}

const actionArb: fc.Arbitrary<SheetAction> = fc.oneof(
  fc.integer({ min: 0, max: 844 }).map((y) => ({ type: 'press' as const, y, heights: HEIGHTS })),
  fc.integer({ min: -200, max: 1200 }).map((y) => ({ type: 'move' as const, y })),
  fc
    .integer({ min: -200, max: 1200 })
    .map((y) => ({ type: 'release' as const, y, heights: HEIGHTS })),
  fc.constant({ type: 'cancel' as const }),
  fc.constant({ type: 'step' as const }),
  fc.constantFrom(...SHEET_SNAPS).map((snap) => ({ type: 'snap' as const, snap })),
);

describe('sheet heights', () => {
  it('are ordered and fit the room, whatever its height', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), (room) => {
        const h = sheetHeights(room);
        expect(0 <= h.peek && h.peek <= h.half && h.half <= h.full && h.full <= room).toBe(true);
      }),
    );
  });
});

describe('the sheet updater', () => {
  it('starts at peek', () => {
    expect(sheetHeight(INITIAL_SHEET, HEIGHTS)).toBe(HEIGHTS.peek);
  });

  it('rests at one of its heights after any gesture, and a drag stays between peek and full', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { maxLength: 30 }), (actions) => {
        let state = INITIAL_SHEET;
        for (const action of actions) {
          state = updateSheet(state, action);
          const height = sheetHeight(state, HEIGHTS);
          if (state.drag) {
            expect(height).toBeGreaterThanOrEqual(HEIGHTS.peek);
            expect(height).toBeLessThanOrEqual(HEIGHTS.full);
          } else {
            expect(height).toBe(HEIGHTS[state.snap]);
          }
        }
      }),
    );
  });

  it('follows the finger while dragging', () => {
    const state = run(pull(700, -100).slice(0, 2));
    expect(sheetHeight(state, HEIGHTS)).toBe(HEIGHTS.peek + 100);
  });

  it('steps up on a tap, and from full back down to peek', () => {
    const tap = pull(700, TAP_SLOP - 1);
    const half = run(tap);
    expect(half.snap).toBe('half');
    const full = run(tap, half);
    expect(full.snap).toBe('full');
    expect(run(tap, full).snap).toBe('peek');
  });

  it('goes on in the direction of a pull, never against it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SHEET_SNAPS),
        fc.integer({ min: PULL_THRESHOLD, max: 900 }),
        fc.boolean(),
        (from, distance, up) => {
          const after = run(pull(500, up ? -distance : distance), { snap: from, drag: null });
          const rank = (s: string) => SHEET_SNAPS.indexOf(s as never);
          if (up) expect(rank(after.snap)).toBeGreaterThanOrEqual(rank(from));
          else expect(rank(after.snap)).toBeLessThanOrEqual(rank(from));
          if (up && from !== 'full') expect(after.snap).not.toBe(from);
          if (!up && from !== 'peek') expect(after.snap).not.toBe(from);
        },
      ),
    );
  });

  it('rests at the height nearest where a long pull let go', () => {
    const towardsFull = HEIGHTS.full - HEIGHTS.peek - 20;
    expect(run(pull(800, -towardsFull)).snap).toBe('full');
    expect(run(pull(800, -(HEIGHTS.half - HEIGHTS.peek))).snap).toBe('half');
  });

  it('falls back on a short pull', () => {
    const short = pull(500, -(PULL_THRESHOLD - 1));
    expect(run(short, { snap: 'half', drag: null }).snap).toBe('half');
  });

  it('returns to its rest when the browser cancels the gesture', () => {
    const state = run([...pull(700, -300).slice(0, 2), { type: 'cancel' }]);
    expect(state).toEqual(INITIAL_SHEET);
  });

  it('ignores moves and releases without a press', () => {
    expect(run([{ type: 'move', y: 10 }])).toBe(INITIAL_SHEET);
    expect(run([{ type: 'release', y: 10, heights: HEIGHTS }])).toBe(INITIAL_SHEET);
  });
});
