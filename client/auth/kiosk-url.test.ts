import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isScreenMode } from '../screen/screen-params.ts';
import { kioskScreenAddress, kioskTokenOf, withoutKioskToken } from './kiosk-url.ts';

describe('kioskTokenOf', () => {
  it('reads the token of a screen link', () => {
    expect(kioskTokenOf('?kiosk=abcDEF_123-xyz')).toBe('abcDEF_123-xyz');
  });

  it('reads it among other parameters', () => {
    expect(kioskTokenOf('?area=PQ03&kiosk=tok3n&lang=en')).toBe('tok3n');
  });

  it('finds none in an ordinary address', () => {
    expect(kioskTokenOf('')).toBeNull();
    expect(kioskTokenOf('?area=PQ03&lang=zh-CN')).toBeNull();
  });

  it('treats an empty parameter as no token', () => {
    expect(kioskTokenOf('?kiosk=')).toBeNull();
    expect(kioskTokenOf('?kiosk=%20%20')).toBeNull();
  });
});

describe('withoutKioskToken', () => {
  it('leaves the bare path when the token was the only parameter', () => {
    expect(withoutKioskToken({ pathname: '/', search: '?kiosk=tok3n', hash: '' })).toBe('/');
  });

  it('keeps every other parameter, in order, and the hash', () => {
    expect(
      withoutKioskToken({
        pathname: '/',
        search: '?area=PQ03&kiosk=tok3n&lang=en',
        hash: '#top',
      }),
    ).toBe('/?area=PQ03&lang=en#top');
  });

  it('removes a token given more than once', () => {
    expect(withoutKioskToken({ pathname: '/', search: '?kiosk=a&kiosk=b', hash: '' })).toBe('/');
  });

  it('leaves an address without a token as it was', () => {
    expect(withoutKioskToken({ pathname: '/x', search: '?area=PQ03', hash: '' })).toBe(
      '/x?area=PQ03',
    );
  });
});

describe('kioskScreenAddress', () => {
  it('opens the big screen of the origin with the token it was given, for any token', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9_-]{20,64}$/);
    fc.assert(
      fc.property(
        token,
        fc.constantFrom('http://127.0.0.1:8080', 'https://atlas.example.org'),
        (t, origin) => {
          const address = new URL(kioskScreenAddress(origin, t));
          expect(address.origin).toBe(origin);
          expect(address.pathname).toBe('/');
          expect(isScreenMode(address.search)).toBe(true);
          expect(kioskTokenOf(address.search)).toBe(t);
        },
      ),
    );
  });
});
