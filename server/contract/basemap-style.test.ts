import { describe, expect, it } from 'vitest';
import { basemapStyle, DECK_BEFORE } from './basemap-style.ts';

const fontFaces = {
  'Noto Sans SC Regular': [
    { url: 'http://app.test/assets/a.woff2', 'unicode-range': ['U+4E00-4FFF'] },
  ],
  'Noto Sans SC Bold': [
    { url: 'http://app.test/assets/b.woff2', 'unicode-range': ['U+4E00-4FFF'] },
  ],
};
const style = basemapStyle({ origin: 'http://app.test', fontFaces });

describe('basemapStyle', () => {
  it('has no glyphs URL: text comes from the local font faces', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style['font-faces']).toBe(fontFaces);
  });

  it('asks only the app itself for tiles', () => {
    for (const source of Object.values(style.sources)) {
      if (source.type !== 'vector') continue;
      for (const url of source.tiles ?? [])
        expect(url.startsWith('http://app.test/tiles/')).toBe(true);
    }
  });

  it('draws every label with a declared font', () => {
    for (const layer of style.layers) {
      if (layer.type !== 'symbol') continue;
      const fonts = layer.layout?.['text-font'] as string[];
      for (const font of fonts) expect(Object.keys(fontFaces)).toContain(font);
    }
  });

  it('gives every layer a source the style declares', () => {
    for (const layer of style.layers) {
      if (layer.type === 'background') continue;
      expect(Object.keys(style.sources)).toContain(layer.source);
    }
  });

  it('has the layers the deck.gl areas are inserted before', () => {
    const ids = style.layers.map((l) => l.id);
    expect(ids).toContain(DECK_BEFORE.fill);
    expect(ids).toContain(DECK_BEFORE.line);
    expect(ids.indexOf(DECK_BEFORE.fill)).toBeLessThan(ids.indexOf(DECK_BEFORE.line));
  });

  it('puts the sea under everything', () => {
    expect(style.layers[0]).toMatchObject({ id: 'sea', type: 'background' });
  });
});

describe('basemapStyle, dark', () => {
  const dark = basemapStyle({ origin: 'http://app.test', fontFaces, theme: 'dark' });

  it('has the same layers as the light style, only the colours differ', () => {
    expect(dark.layers.map((l) => l.id)).toEqual(style.layers.map((l) => l.id));
  });

  it('has a dark sea behind everything', () => {
    const sea = dark.layers.find((l) => l.id === 'sea');
    expect(sea?.type === 'background' && sea.paint?.['background-color']).toBe('#050d1a');
  });
});

describe('basemapStyle, published', () => {
  const published = basemapStyle({
    origin: 'http://gis.test:8080',
    fontFaces,
    published: { center: [120, 30], zoom: 10 },
  });

  it('names every source by an absolute URL on the origin given', () => {
    for (const source of Object.values(published.sources)) {
      const url = source.type === 'vector' ? source.url : source.type === 'geojson' && source.data;
      expect(typeof url === 'string' && url.startsWith('http://gis.test:8080/')).toBe(true);
    }
  });

  it('draws the area fills under the roads, where the app inserts its deck.gl fills', () => {
    const ids = published.layers.map((l) => l.id);
    const fill = ids.indexOf('tiles-pianqu-fill');
    expect(fill).toBeGreaterThan(-1);
    expect(fill).toBeLessThan(ids.indexOf(DECK_BEFORE.fill));
  });

  it('keeps every layer of the app style, in the same order', () => {
    const ids = published.layers.map((l) => l.id);
    expect(ids.filter((id) => style.layers.some((l) => l.id === id))).toEqual(
      style.layers.map((l) => l.id),
    );
  });
});
