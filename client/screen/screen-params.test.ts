import { describe, expect, it } from 'vitest';
import { TEST_FRAME } from '../dataset/test-frame.ts';
import { isScreenMode, parseScreenParams as parseWithFrame } from './screen-params.ts';

const parseScreenParams = (search: string) => parseWithFrame(search, TEST_FRAME);

describe('screen parameters', () => {
  it('opens the screen mode only for mode=screen', () => {
    expect(isScreenMode('?mode=screen&tour=off')).toBe(true);
    expect(isScreenMode('?mode=map')).toBe(false);
    expect(isScreenMode('')).toBe(false);
  });

  it('tours every 片区 every 20 s by default, resuming after 60 s of quiet', () => {
    const p = parseScreenParams('?mode=screen');
    expect(p).toMatchObject({ tour: 'all', intervalS: 20, quietS: 60, lang: 'zh-CN' });
    expect(p.overlays.on).toEqual(['issues']);
  });

  it('reads a tour list, an interval and the panels', () => {
    const p = parseScreenParams('?mode=screen&tour=PQ01,PQ05,PQ01&interval=8&panels=kpi,ticker');
    expect(p.tour).toEqual(['PQ01', 'PQ05']);
    expect(p.intervalS).toBe(8);
    expect(p.panels).toEqual(['kpi', 'ticker']);
  });

  it('turns the tour off', () => {
    expect(parseScreenParams('?tour=off').tour).toBe('off');
  });

  it('falls back on bad values', () => {
    const p = parseScreenParams('?tour=%20;drop&interval=1&quiet=abc&lang=fr');
    expect(p).toMatchObject({ tour: 'all', intervalS: 20, quietS: 60, lang: 'zh-CN' });
  });

  it('keeps the overlays asked for', () => {
    expect(parseScreenParams('?ov=tourism').overlays.on).toEqual(['tourism']);
  });
});

describe('the wall’s basemap', () => {
  it('is the offline one unless the address names a known one', () => {
    expect(parseScreenParams('').basemap).toBe('offline');
    expect(parseScreenParams('?basemap=osm').basemap).toBe('offline');
    expect(parseScreenParams('?basemap=tianditu-img').basemap).toBe('tianditu-img');
  });
});
