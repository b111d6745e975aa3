import { describe, expect, it } from 'vitest';
import { detailAccess } from './overlay.ts';

describe('detailAccess', () => {
  it('lets a zone-wide session read every area', () => {
    expect(detailAccess('zone', true)('ANY')).toBe('yes');
  });

  it('lets an official read the areas of their scope and no other', () => {
    const of = detailAccess(['PQ1', 'SQ1', 'XQ1'], true);
    expect(of('SQ1')).toBe('yes');
    expect(of('PQ2')).toBe('role');
  });

  it('asks a visitor or a screen to log in', () => {
    expect(detailAccess([], false)('PQ1')).toBe('login');
    expect(detailAccess([], true)('PQ1')).toBe('login');
  });
});
