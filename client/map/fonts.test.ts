import { describe, expect, it } from 'vitest';
import { fontFacesOf, subsetKey } from './fonts.ts';

describe('subsetKey', () => {
  it('names numbered CJK slices like unicode.json does', () => {
    expect(subsetKey('/x/files/noto-sans-sc-117-400-normal.woff2')).toBe('[117]');
  });

  it('names script subsets by their name', () => {
    expect(subsetKey('/x/files/noto-sans-sc-latin-ext-700-normal.woff2')).toBe('latin-ext');
  });

  it('ignores files that are not subsets', () => {
    expect(subsetKey('/x/files/other.woff2')).toBeNull();
  });
});

describe('fontFacesOf', () => {
  it('pairs each file with its unicode-range and makes its URL absolute', () => {
    const faces = fontFacesOf(
      { './noto-sans-sc-5-400-normal.woff2': '/assets/five.woff2' },
      { '[5]': 'U+FF01,U+FF03-FF04' },
      'http://app.test/?area=PQ01',
    );
    expect(faces).toEqual([
      { url: 'http://app.test/assets/five.woff2', 'unicode-range': ['U+FF01', 'U+FF03-FF04'] },
    ]);
  });

  it('skips a file without a range', () => {
    const faces = fontFacesOf({ './noto-sans-sc-9-400-normal.woff2': '/a.woff2' }, {}, 'http://a/');
    expect(faces).toEqual([]);
  });

  it('covers the common CJK block with the real files', async () => {
    const { mapFontFaces } = await import('./fonts.ts');
    const faces = mapFontFaces('http://app.test/')['Noto Sans SC Regular'];
    expect(Array.isArray(faces) && faces.length).toBeGreaterThan(90);
  });
});
