/**
 * What tests and the soak script read from the screen (`window.__screen`): sizes of everything
 * that must stay bounded while the screen runs for days, and the stream's state.
 */

/** The screen's figures for tests. */
export interface ScreenHandle {
  /** Events in the ticker's list (bounded). */
  tickerLength: number;
  /** Their ids, newest first. */
  tickerIds: number[];
  /** The newest event id seen. */
  lastEventId: number | null;
  /** The stream's state. */
  stream: 'connecting' | 'live' | 'delayed';
  /** Summary answers so far. */
  summaryLoads: number;
  /** Pulses running on the map (bounded). */
  pulses: number;
  /** deck.gl layers handed to the map (replaced, never accumulated). */
  deckLayers: number;
}

declare global {
  interface Window {
    __screen?: ScreenHandle;
  }
}

const EMPTY: ScreenHandle = {
  tickerLength: 0,
  tickerIds: [],
  lastEventId: null,
  stream: 'connecting',
  summaryLoads: 0,
  pulses: 0,
  deckLayers: 0,
};

/** Updates some of the figures. */
export function exposeScreen(part: Partial<ScreenHandle>): void {
  window.__screen = { ...(window.__screen ?? EMPTY), ...part };
}

/** Takes the figures away with the screen. */
export function unexposeScreen(): void {
  delete window.__screen;
}
