/**
 * The map's label fonts, as both sides name them: the app's client declares the Noto Sans SC
 * files Vite emits, the server's published styles the same files under `/fonts/`. MapLibre 6
 * draws text from a style's `font-faces` (no glyph PBF server): each @fontsource subset file
 * is declared with the unicode-range it covers, and MapLibre downloads a file only when a label
 * needs one of its characters.
 */
import type { MLFontFace } from '@maplibre/maplibre-gl-style-spec';

/** `text-font` of regular labels (roads, landmarks). */
export const FONT_REGULAR = 'Noto Sans SC Regular';
/** `text-font` of emphasised labels (area names). */
export const FONT_BOLD = 'Noto Sans SC Bold';

/**
 * The subset a file holds, as @fontsource's unicode.json names it: numbered CJK slices are
 * `[12]`, script subsets `latin`, `latin-ext` …; the all-in-one `chinese-simplified` file has
 * no entry there and is skipped (the slices cover the same characters in small pieces).
 */
export function subsetKey(path: string): string | null {
  const match = /noto-sans-sc-(.+)-\d00-normal\.woff2$/.exec(path);
  if (!match?.[1]) return null;
  const name = match[1];
  return /^\d+$/.test(name) ? `[${name}]` : name;
}

/** Font faces of one weight: every subset file with its unicode-range, absolute URLs. */
export function fontFacesOf(
  files: Record<string, string>,
  rangesByKey: Record<string, string>,
  base: string,
): MLFontFace[] {
  const faces: MLFontFace[] = [];
  for (const [path, url] of Object.entries(files)) {
    const key = subsetKey(path);
    const range = key ? rangesByKey[key] : undefined;
    if (!range) continue;
    faces.push({ url: new URL(url, base).href, 'unicode-range': range.split(',') });
  }
  return faces;
}
