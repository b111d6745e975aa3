/**
 * Fonts the map draws its labels with, offline. MapLibre 6 renders text from the style's
 * `font-faces` (no glyph PBF server): each Noto Sans SC subset file of @fontsource is declared
 * with the unicode-range it covers, and MapLibre downloads a file only when a label needs one
 * of its characters. The same files (same hashed URLs) serve the page's CSS, so a character is
 * never downloaded twice.
 */
import type { FontFacesSpecification, MLFontFace } from 'maplibre-gl';
import unicodeRanges from '@fontsource/noto-sans-sc/unicode.json';

/** `text-font` of regular labels (roads, landmarks). */
export const FONT_REGULAR = 'Noto Sans SC Regular';
/** `text-font` of emphasised labels (area names). */
export const FONT_BOLD = 'Noto Sans SC Bold';

// Vite resolves these at build time to the emitted asset URLs (no bundling of the fonts).
const regularFiles = import.meta.glob<string>(
  [
    '../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-*-400-normal.woff2',
    '!../../node_modules/@fontsource/noto-sans-sc/files/*-chinese-simplified-*',
  ],
  { query: '?url', import: 'default', eager: true },
);
const boldFiles = import.meta.glob<string>(
  [
    '../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-*-700-normal.woff2',
    '!../../node_modules/@fontsource/noto-sans-sc/files/*-chinese-simplified-*',
  ],
  { query: '?url', import: 'default', eager: true },
);

const ranges = unicodeRanges as Record<string, string>;

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

/** The style's `font-faces`: Noto Sans SC Regular and Bold, from files the app serves. */
export function mapFontFaces(base: string = location.href): FontFacesSpecification {
  return {
    [FONT_REGULAR]: fontFacesOf(regularFiles, ranges, base),
    [FONT_BOLD]: fontFacesOf(boldFiles, ranges, base),
  };
}
