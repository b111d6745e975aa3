/**
 * The profile panel on a narrow screen: a sheet over the map's lower part, pulled up and down
 * by its handle (pointer events, so a finger, a pen and a mouse alike) or stepped by a tap on it
 * or the keyboard. Its state is the pure one of state/sheet.ts, held here so that a drag
 * redraws the sheet alone; the dashboard is told where it comes to rest, and keeps the map's
 * camera clear of that.
 */
import {
  useEffect,
  useReducer,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';
import { useI18n } from '../i18n/use-i18n.ts';
import {
  INITIAL_SHEET,
  SHEET_SNAPS,
  sheetHeight,
  updateSheet,
  type SheetHeights,
  type SheetSnap,
} from '../state/sheet.ts';
import './sheet.css';

/** Props of {@link BottomSheet}. */
export interface BottomSheetProps {
  /** The resting heights in the room the sheet has. */
  heights: SheetHeights;
  /** The sheet came to rest at another height (it starts at peek). */
  onSnapChange(snap: SheetSnap): void;
  children: ReactNode;
}

export function BottomSheet({ heights, onSnapChange, children }: BottomSheetProps) {
  const { t } = useI18n();
  const [state, onAction] = useReducer(updateSheet, INITIAL_SHEET);
  useEffect(() => onSnapChange(state.snap), [state.snap, onSnapChange]);
  const height = sheetHeight(state, heights);
  const at = SHEET_SNAPS.indexOf(state.snap);

  const onPointerDown = (e: PointerEvent<HTMLButtonElement>) => {
    if (e.button !== 0) return;
    // Moves outside the handle still belong to the pull.
    e.currentTarget.setPointerCapture(e.pointerId);
    onAction({ type: 'press', y: e.clientY, heights });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    const to = e.key === 'ArrowUp' ? at + 1 : e.key === 'ArrowDown' ? at - 1 : null;
    if (to === null || to < 0 || to >= SHEET_SNAPS.length) return;
    e.preventDefault();
    onAction({ type: 'snap', snap: SHEET_SNAPS[to]! });
  };

  return (
    <section
      className={`sheet${state.drag ? ' sheet--dragging' : ''}`}
      style={{ height }}
      data-testid="sheet"
      data-snap={state.snap}
      data-dragging={state.drag ? 'true' : 'false'}
    >
      <button
        type="button"
        className="sheet__handle"
        aria-label={t('sheet.handle')}
        aria-expanded={state.snap !== 'peek'}
        title={t('sheet.handle')}
        onPointerDown={onPointerDown}
        onPointerMove={(e) => {
          if (state.drag) onAction({ type: 'move', y: e.clientY });
        }}
        onPointerUp={(e) => onAction({ type: 'release', y: e.clientY, heights })}
        onPointerCancel={() => onAction({ type: 'cancel' })}
        // A tap is a press and release in place, told by the pointer events; a click that no
        // pointer made (Enter, Space) steps the sheet here.
        onClick={(e) => {
          if (e.detail === 0) onAction({ type: 'step' });
        }}
        onKeyDown={onKeyDown}
        data-testid="sheet-handle"
      >
        <span className="sheet__grip" aria-hidden="true" />
      </button>
      <div className="sheet__body">{children}</div>
    </section>
  );
}
