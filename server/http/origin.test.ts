import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { foreignWrite, parseOrigin } from './origin.ts';

const own = { protocol: 'http' as const, host: '127.0.0.1:8080' };
const write = (headers: Record<string, string>, method = 'POST') =>
  foreignWrite({ ...own, method, headers }, new Set(['https://atlas.example.org']));

describe('foreignWrite', () => {
  it('passes the product’s own pages and clients that are not browsers', () => {
    expect(write({ 'sec-fetch-site': 'same-origin' })).toBeNull();
    expect(write({ origin: 'http://127.0.0.1:8080' })).toBeNull();
    expect(write({})).toBeNull();
    expect(write({ origin: 'https://atlas.example.org', 'sec-fetch-site': 'cross-site' })).toBe(
      null,
    );
  });

  it('refuses another port of the host, another site and an opaque origin', () => {
    expect(write({ origin: 'http://127.0.0.1:8081' })).toContain('http://127.0.0.1:8081');
    expect(write({ origin: 'http://localhost:8080' })).toContain('refused');
    expect(write({ origin: 'null' })).toContain('Origin: null');
    expect(write({ 'sec-fetch-site': 'same-site' })).toContain('same-site');
    expect(write({ 'sec-fetch-site': 'cross-site' })).toContain('cross-site');
  });

  it('leaves reads alone', () => {
    expect(write({ origin: 'https://evil.example' }, 'GET')).toBeNull();
    expect(write({ origin: 'https://evil.example' }, 'HEAD')).toBeNull();
  });
});

describe('PUBLIC_ORIGINS', () => {
  it('reads a comma-separated list as browsers write origins', () => {
    const config = loadConfig({
      PUBLIC_ORIGINS: ' https://Atlas.example.org/ ,http://10.0.0.5:80',
    });
    expect(config.publicOrigins).toEqual(['https://atlas.example.org', 'http://10.0.0.5']);
    expect(loadConfig({}).publicOrigins).toEqual([]);
  });

  it('refuses a path, a query or another scheme, naming the value', () => {
    expect(() => parseOrigin('https://atlas.example.org/app')).toThrow(/app/);
    expect(() => parseOrigin('https://atlas.example.org?x=1')).toThrow(/PUBLIC_ORIGINS/);
    expect(() => parseOrigin('ftp://atlas.example.org')).toThrow(/ftp/);
    expect(() => parseOrigin('atlas.example.org')).toThrow(/not an origin/);
  });
});
