import { useCallback, useEffect, useReducer, useRef } from 'react';
import { checkHealth, subscribeApiOutcomes } from '../api/api.ts';
import {
  INITIAL_CONNECTION,
  connectionReducer,
  nextCheckDelay,
  type ConnectionState,
} from './connection.ts';

/** What {@link useConnection} gives the app. */
export interface Connection {
  state: ConnectionState;
  /** Checks the health now (unless a check is already under way). */
  checkNow(): void;
}

/**
 * Watches `/api/health`: at once, then every 30 s while well and every few seconds while
 * delayed; at once too when a data request fails for want of the server or its database, when
 * one succeeds while delayed, and when the browser comes back online. Runs for the page's life.
 */
export function useConnection(): Connection {
  const [state, dispatch] = useReducer(connectionReducer, INITIAL_CONNECTION);
  const checkRef = useRef<() => void>(() => {});
  const statusRef = useRef(state.status);
  useEffect(() => {
    statusRef.current = state.status;
  }, [state.status]);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let checking = false;

    const check = async () => {
      if (checking || controller.signal.aborted) return;
      checking = true;
      clearTimeout(timer);
      try {
        const result = await checkHealth(controller.signal);
        dispatch({ type: 'checked', at: Date.now(), check: result });
        timer = setTimeout(() => void check(), nextCheckDelay(result));
      } catch {
        // Aborted: the page is going away.
      } finally {
        checking = false;
      }
    };
    checkRef.current = () => void check();
    void check();

    const unsubscribe = subscribeApiOutcomes((outcome) => {
      if (outcome.ok) {
        dispatch({ type: 'dataLoaded', at: Date.now() });
        // The server answers again: confirm it, rather than wait for the next timed check.
        if (statusRef.current === 'delayed') void check();
      } else if (outcome.error.kind === 'network' || outcome.error.kind === 'unavailable') {
        void check();
      }
    });
    const onOnline = () => void check();
    window.addEventListener('online', onOnline);

    return () => {
      controller.abort();
      clearTimeout(timer);
      unsubscribe();
      window.removeEventListener('online', onOnline);
      checkRef.current = () => {};
    };
  }, []);

  const checkNow = useCallback(() => checkRef.current(), []);
  return { state, checkNow };
}
