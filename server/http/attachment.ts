/**
 * `Content-Disposition: attachment` for a download named in Chinese: the UTF-8 name as RFC 5987
 * `filename*` (browsers and curl take it) and an ASCII `filename` for clients that do not.
 */
export function attachmentHeader(ascii: string, name: string): string {
  const utf8 = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  // A quote or backslash in the fallback would end or escape the quoted string.
  return `attachment; filename="${ascii.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${utf8}`;
}

/** A name cut of what a file name may not hold on Windows or in a header. */
export const fileNamePart = (s: string): string =>
  [...s]
    .map((c) => (/[\\/:*?"<>|]/.test(c) || c.charCodeAt(0) < 0x20 ? '_' : c))
    .join('')
    .slice(0, 80);
