/**
 * The kiosk link of a big screen, `/?kiosk=TOKEN`: the token is read once and then taken out of
 * the address, so it stays neither in the address bar nor in the browser history.
 */

/** The query parameter a big screen's link carries its kiosk token in. */
export const KIOSK_PARAM = 'kiosk';

/** The kiosk token of a query string (`location.search`), or null when it has none. */
export function kioskTokenOf(search: string): string | null {
  const token = new URLSearchParams(search).get(KIOSK_PARAM)?.trim();
  return token ? token : null;
}

/** The parts of the page's address that {@link withoutKioskToken} rebuilds. */
export interface PageAddress {
  pathname: string;
  search: string;
  hash: string;
}

/**
 * The page's address without any kiosk token, every other parameter and the hash kept in
 * order: what `history.replaceState` writes over the address the screen was opened with.
 */
export function withoutKioskToken({ pathname, search, hash }: PageAddress): string {
  const params = new URLSearchParams(search);
  params.delete(KIOSK_PARAM);
  const rest = params.toString();
  return `${pathname}${rest ? `?${rest}` : ''}${hash}`;
}

/**
 * The address a wall opens once with a new kiosk token: the big screen (`?mode=screen`) of the
 * server at `origin`, with the token that signs it in.
 */
export function kioskScreenAddress(origin: string, token: string): string {
  const params = new URLSearchParams({ mode: 'screen', [KIOSK_PARAM]: token });
  return `${origin}/?${params}`;
}
