/**
 * The label fonts of the published styles: the Noto Sans SC subset files of @fontsource, the
 * same the app's client emits, read from the installed package. Only files listed here are
 * served, so a request never names a path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FontFacesSpecification } from '@maplibre/maplibre-gl-style-spec';
import { FONT_BOLD, FONT_REGULAR, fontFacesOf, subsetKey } from '../../contract/map-fonts.ts';
import { routePath, styleRoutes } from '../../contract/index.ts';

const require = createRequire(import.meta.url);
const unicodeJson = require.resolve('@fontsource/noto-sans-sc/unicode.json');
const FILES_DIR = join(dirname(unicodeJson), 'files');
const RANGES = JSON.parse(readFileSync(unicodeJson, 'utf8')) as Record<string, string>;

/** The woff2 files of one weight that unicode.json gives a range, by file name. */
function filesOfWeight(weight: 400 | 700): string[] {
  const suffix = `-${weight}-normal.woff2`;
  return readdirSync(FILES_DIR).filter((name) => {
    const key = name.endsWith(suffix) ? subsetKey(name) : null;
    return key !== null && RANGES[key] !== undefined;
  });
}

const REGULAR = filesOfWeight(400);
const BOLD = filesOfWeight(700);
const SERVED = new Set([...REGULAR, ...BOLD]);

/** The path of a served font file, or null when the name is not one of them. */
export function fontFile(name: string): string | null {
  return SERVED.has(name) ? join(FILES_DIR, name) : null;
}

/** The `font-faces` of a published style: every subset file at its URL on `origin`. */
export function publishedFontFaces(origin: string): FontFacesSpecification {
  const urls = (names: string[]) =>
    Object.fromEntries(
      names.map((file) => [file, routePath(styleRoutes.font.url, { file })] as const),
    );
  return {
    [FONT_REGULAR]: fontFacesOf(urls(REGULAR), RANGES, `${origin}/`),
    [FONT_BOLD]: fontFacesOf(urls(BOLD), RANGES, `${origin}/`),
  };
}
