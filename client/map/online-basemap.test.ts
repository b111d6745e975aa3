import { describe, expect, it } from 'vitest';
import type { OnlineBasemap } from '../../server/contract/index.ts';
import { chosenBasemap, isBasemapChoice } from './online-basemap.ts';

const XYZ: OnlineBasemap = {
  id: 'xyz',
  name: '政务网底图',
  layers: [{ tiles: ['http://10.0.0.5/{z}/{x}/{y}.png'], tileSize: 256 }],
  attribution: '',
  maxzoom: 18,
};

describe('isBasemapChoice', () => {
  it('knows the offline basemap and every online kind, and nothing else', () => {
    for (const v of ['offline', 'tianditu-vec', 'tianditu-img', 'xyz']) {
      expect(isBasemapChoice(v)).toBe(true);
    }
    for (const v of ['osm', '', null, 3]) expect(isBasemapChoice(v)).toBe(false);
  });
});

describe('chosenBasemap', () => {
  it('draws an offered online basemap', () => {
    expect(chosenBasemap([XYZ], 'xyz')).toBe(XYZ);
  });

  it('draws the offline basemap for offline, or for one this server does not offer', () => {
    expect(chosenBasemap([XYZ], 'offline')).toBeNull();
    expect(chosenBasemap([XYZ], 'tianditu-img')).toBeNull();
    expect(chosenBasemap([], 'xyz')).toBeNull();
  });
});
