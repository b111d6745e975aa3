import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { routePath, routeQueryString, routeTemplate, routeUrl } from './route.ts';

describe('route URLs', () => {
  it('puts each parameter, encoded, in its place', () => {
    expect(routePath('/api/areas/:code/profile', { code: 'A B/1' })).toBe(
      '/api/areas/A%20B%2F1/profile',
    );
  });

  it('reads a parameter before a file extension', () => {
    expect(routePath('/tiles/:layer/:z/:x/:y.mvt', { layer: 'xiaoqu', z: 3, x: 1, y: 2 })).toBe(
      '/tiles/xiaoqu/3/1/2.mvt',
    );
  });

  it('refuses a URL whose parameter was not given', () => {
    expect(() => routePath('/api/areas/:code', {})).toThrow(/:code/);
  });

  it('leaves out absent fields and joins lists with commas', () => {
    expect(routeQueryString({ a: 1, b: undefined, c: null, d: ['x', 'y'] })).toBe('?a=1&d=x%2Cy');
  });

  it('writes no question mark for an empty query', () => {
    expect(routeUrl({ url: '/api/sites' }, { query: {} })).toBe('/api/sites');
  });

  it('round-trips any query value through URLSearchParams', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (key, value) => {
        fc.pre(key !== '');
        const parsed = new URLSearchParams(routeQueryString({ [key]: value }).slice(1));
        expect(parsed.get(key)).toBe(value);
      }),
    );
  });
});

describe('route templates', () => {
  it('encodes the parameters given and leaves the others as {name} for the map to fill', () => {
    expect(routeTemplate({ url: '/tiles/:layer/:z/:x/:y.mvt' }, { layer: 'pian qu' })).toBe(
      '/tiles/pian%20qu/{z}/{x}/{y}.mvt',
    );
  });

  it('gives the URL routePath gives once every placeholder is filled', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), (layer, z) => {
        const url = '/tiles/:layer/:z.mvt';
        const template = routeTemplate({ url }, { layer });
        expect(template.replace('{z}', String(z))).toBe(routePath(url, { layer, z }));
      }),
    );
  });
});
