import { describe, expect, it } from 'vitest';
import { parseDuty } from './duty.ts';

describe('parseDuty', () => {
  it('reads weekday office hours', () => {
    expect(parseDuty('周一至周五 08:30-17:30')).toEqual({
      days: [1, 2, 3, 4, 5],
      start: 510,
      end: 1050,
      peakOnly: false,
    });
  });

  it('reads weekend duty', () => {
    expect(parseDuty('周末及节假日 09:00-21:00').days).toEqual([6, 7]);
  });

  it('reads peak-season-only duty', () => {
    expect(parseDuty('旺季每日 08:00-22:00')).toMatchObject({
      peakOnly: true,
      days: [1, 2, 3, 4, 5, 6, 7],
    });
  });

  it('reads round-the-clock shifts up to midnight', () => {
    expect(parseDuty('每日 00:00-24:00 轮班')).toMatchObject({ start: 0, end: 1440 });
  });

  it('refuses a schedule it cannot read, naming it', () => {
    expect(() => parseDuty('随叫随到')).toThrow(/随叫随到/);
  });
});
