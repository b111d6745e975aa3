import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { attachment } from './csv.ts';

describe('CSV export helpers', () => {
  it('names the file in ASCII and, by RFC 5987, in Chinese', () => {
    const header = attachment('西文化小区', 'XQ035', 'all');
    expect(header).toBe(
      `attachment; filename="profile-XQ035-all.csv"; filename*=UTF-8''${encodeURIComponent('西文化小区-概况-all.csv')}`,
    );
    expect(attachment("a'(b)*", 'X', 'all')).toContain("filename*=UTF-8''a%27%28b%29%2A-");
  });

  it('quotes what needs quoting', () => {
    expect(parse('"a,b",1\n')).toEqual([['a,b', '1']]);
  });
});
