/**
 * Narrow screens (phones, tablets upright): the header folds its tools behind a menu and the
 * profile panel becomes a bottom sheet. The CSS switches at the same width (`max-width:
 * 1023.98px` in header.css, sheet.css and the panels' files); at 1024 px and wider the desktop
 * layout holds.
 */
import { useSyncExternalStore } from 'react';

export const NARROW_SCREEN = '(max-width: 1023.98px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW_SCREEN);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the window is narrower than the desktop layout's 1024 px. */
export function isNarrowScreen(): boolean {
  return window.matchMedia(NARROW_SCREEN).matches;
}

/** {@link isNarrowScreen}, followed as the window is resized or turned. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribe, isNarrowScreen);
}
