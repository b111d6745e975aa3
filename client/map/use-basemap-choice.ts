import { useCallback, useState } from 'react';
import { isBasemapChoice, type BasemapChoice } from './online-basemap.ts';

/** Where the browser keeps the viewer's basemap. */
const STORAGE_KEY = 'atlas.basemap';

function stored(): BasemapChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isBasemapChoice(value) ? value : 'offline';
  } catch {
    // Storage can be refused (private windows, policies): the default then.
    return 'offline';
  }
}

/** The viewer's basemap, kept in this browser for the next visit (default offline). */
export function useBasemapChoice(): [BasemapChoice, (choice: BasemapChoice) => void] {
  const [choice, setChoice] = useState<BasemapChoice>(stored);
  const choose = useCallback((next: BasemapChoice) => {
    setChoice(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not kept: it still applies to this page.
    }
  }, []);
  return [choice, choose];
}
