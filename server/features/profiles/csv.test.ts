import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { attachment, neutralise } from './csv.ts';

describe('CSV export helpers', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const cell of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx']) {
      expect(neutralise(cell)).toBe(`'${cell}`);
    }
    expect(neutralise('西文化小区')).toBe('西文化小区');
    expect(neutralise('a=b')).toBe('a=b');
    expect(neutralise(42)).toBe(42);
    expect(neutralise(null)).toBeNull();
  });

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
