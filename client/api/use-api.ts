import { useCallback, useEffect, useState } from 'react';

/** The state of one API request as a component sees it. */
export interface ApiState<T> {
  /** The latest data; kept while a newer request for other parameters loads. */
  data: T | null;
  /** Key of the request `data` answers, so a caller can tell fresh from stale. */
  dataKey: string | null;
  /** The error of the latest request, if it failed. */
  error: unknown;
  /** Whether the latest request is still running. */
  loading: boolean;
  /** Runs the latest request again (after an error). */
  retry(): void;
}

/**
 * Runs `load` whenever `key` changes (null: nothing to load), aborting the previous request.
 * `load` must depend only on what `key` encodes. A change of `refresh` (default 0) loads the
 * same key again, keeping the data on show meanwhile (e.g. after the database came back).
 */
export function useApi<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
  refresh = 0,
): ApiState<T> {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<Omit<ApiState<T>, 'retry'>>({
    data: null,
    dataKey: null,
    error: null,
    loading: key !== null,
  });

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, error: null, loading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted)
          setState({ data, dataKey: key, error: null, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ ...s, error, loading: false }));
      },
    );
    return () => controller.abort();
    // `load` is keyed by `key` by contract; re-running on its identity would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt, refresh]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
