import { describe, expect, it } from 'vitest';
import { zoneMinute, zoneToday } from '../../contract/zone-time.ts';
import { resolveWindow, seriesMonths } from './window.ts';

describe('profile time windows', () => {
  const today = '2026-11-26';

  it("reads the server clock in the data set's time zone", () => {
    expect(zoneToday('Asia/Shanghai', new Date('2026-11-25T16:30:00Z'))).toBe('2026-11-26');
    expect(zoneToday('Asia/Shanghai', new Date('2026-11-25T15:59:00Z'))).toBe('2026-11-25');
    expect(zoneMinute('Asia/Shanghai', new Date('2026-11-25T16:30:00Z'))).toBe('2026-11-26T00:30');
    // Another zone's day turns at another instant.
    expect(zoneToday('Asia/Urumqi', new Date('2026-11-25T16:30:00Z'))).toBe('2026-11-25');
    expect(zoneMinute('Asia/Urumqi', new Date('2026-11-25T18:30:00Z'))).toBe('2026-11-26T00:30');
  });

  it('runs this month and this year up to today', () => {
    expect(resolveWindow({ window: 'month' }, today)).toEqual({
      kind: 'month',
      from: '2026-11-01',
      to: today,
    });
    expect(resolveWindow({ window: 'year' }, today)).toEqual({
      kind: 'year',
      from: '2026-01-01',
      to: today,
    });
    expect(resolveWindow({}, today)).toEqual({ kind: 'all', from: null, to: null });
  });

  it('takes from and to as a range, and checks them', () => {
    expect(resolveWindow({ from: '2025-01-01', to: '2025-03-31' }, today)).toMatchObject({
      kind: 'range',
    });
    expect(resolveWindow({ window: 'range', from: '2025-01-01' }, today)).toHaveProperty('problem');
    expect(resolveWindow({ window: 'month', from: '2025-01-01' }, today)).toHaveProperty('problem');
    expect(resolveWindow({ from: '2025-02-30', to: '2025-03-01' }, today)).toEqual({
      problem: 'from 2025-02-30 is not a date that exists',
    });
    expect(resolveWindow({ from: '2025-04-01', to: '2025-03-01' }, today)).toHaveProperty(
      'problem',
    );
  });

  it('gives the small charts the months of the window, the latest 60 at most', () => {
    expect(seriesMonths({ kind: 'all', from: null, to: null }, '2023-12', today)).toEqual({
      from: '2023-12-01',
      to: '2026-11-01',
    });
    expect(
      seriesMonths({ kind: 'range', from: '2015-01-01', to: '2025-03-31' }, '2023-12', today),
    ).toEqual({ from: '2020-04-01', to: '2025-03-01' });
  });
});
