/**
 * A mode's code in a chunk of its own (the dashboard, the big screen, the workbench, the data
 * import): only the mode the address asks for is downloaded. `preload()` starts the download
 * as soon as the mode is known, alongside the session check, instead of after it.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { retryDelay } from '../connection/retry.ts';
import { addCatalogue, type Catalogue, type MessageKey } from '../i18n/catalogue.ts';

/** Downloads tried before the page is loaded again. */
const TRIES = 3;

/** A component loaded on demand, and the way to start loading it early. */
export interface LazyMode<P extends object> {
  /** Render under `<Suspense>`. */
  Component: LazyExoticComponent<ComponentType<P>>;
  /** Starts the download (once; later calls return the same promise). */
  preload(): Promise<unknown>;
}

/**
 * `load` imports the module and picks the component; `messages`, when given, imports the
 * mode's catalogue, which is in place before the component first renders. A download that fails (the server
 * restarting, a deploy replacing the chunks) is tried again; if it still fails the page is
 * loaded again: the address holds the whole view, and an unattended screen must not stay blank.
 */
export function lazyMode<P extends object, K extends MessageKey>(
  load: () => Promise<ComponentType<P>>,
  messages?: () => Promise<Catalogue<K>>,
): LazyMode<P> {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () =>
    (loading ??= Promise.all([
      retried(load),
      messages ? retried(messages).then(addCatalogue) : undefined,
    ]).then(([component]) => ({ default: component })));
  return { Component: lazy(preload), preload };
}

async function retried<T>(load: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await load();
    } catch (error) {
      if (attempt >= TRIES) {
        location.reload();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, retryDelay(attempt)));
    }
  }
}
