/**
 * Fonts the map draws its labels with, offline. MapLibre 6 renders text from the style's
 * `font-faces` (no glyph PBF server): each Noto Sans SC subset file of @fontsource is declared
 * with the unicode-range it covers, and MapLibre downloads a file only when a label needs one
 * of its characters. The same files (same hashed URLs) serve the page's CSS, so a character is
 * never downloaded twice.
 */
import type { FontFacesSpecification } from 'maplibre-gl';
import unicodeRanges from '@fontsource/noto-sans-sc/unicode.json';
import { FONT_BOLD, FONT_REGULAR, fontFacesOf } from '../../server/contract/map-fonts.ts';

export {
  FONT_BOLD,
  FONT_REGULAR,
  fontFacesOf,
  subsetKey,
} from '../../server/contract/map-fonts.ts';

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

/** The style's `font-faces`: Noto Sans SC Regular and Bold, from files the app serves. */
export function mapFontFaces(base: string = location.href): FontFacesSpecification {
  return {
    [FONT_REGULAR]: fontFacesOf(regularFiles, ranges, base),
    [FONT_BOLD]: fontFacesOf(boldFiles, ranges, base),
  };
}
