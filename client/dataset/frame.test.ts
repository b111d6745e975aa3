import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../server/contract/index.ts';
import { frameDutyAt, frameMonth, frameOf, frameTourismTime, recordEnded } from './frame.ts';
import { TEST_DATASET, TEST_FRAME } from './test-frame.ts';

const dataset = (patch: Partial<Dataset>): Dataset => ({ ...TEST_DATASET, ...patch });

describe('frameOf', () => {
  it('takes the zone and the months of the record from the data set', () => {
    expect(TEST_FRAME).toMatchObject({
      zone: 'Z01',
      firstMonth: '2021-09',
      lastMonth: '2024-10',
      timeZone: 'Asia/Urumqi',
    });
  });

  it("falls back to the zone's month when the record is empty", () => {
    const empty = dataset({ record: { firstMonth: null, lastMonth: null, lastDay: null } });
    // 20:30 UTC on 31 January is already 1 February in Urumqi (UTC+06:00).
    const frame = frameOf(empty, new Date('2023-01-31T20:30:00Z'));
    expect(frame.firstMonth).toBe('2023-02');
    expect(frame.lastMonth).toBe('2023-02');
  });

  it('has no zone in an empty database', () => {
    expect(frameOf(dataset({ zone: null }), new Date('2023-01-01T00:00:00Z')).zone).toBe('');
  });

  it("reads now on the zone's clock, not the machine's", () => {
    const at = new Date('2024-03-10T03:30:00Z');
    // 11:30 in Shanghai (UTC+08:00), 22:30 the day before in New York (still EST, UTC-05:00:
    // its clocks go forward at 07:00 UTC that day).
    const shanghai = frameOf(dataset({ timeZone: 'Asia/Shanghai' }), at);
    const newYork = frameOf(dataset({ timeZone: 'America/New_York' }), at);
    expect(shanghai.now).toBe('2024-03-10T11:30');
    expect(newYork.now).toBe('2024-03-09T22:30');
    expect(shanghai.timeZone).toBe('Asia/Shanghai');
    expect(newYork.timeZone).toBe('America/New_York');
  });

  it('gives another month on either side of a month end', () => {
    const at = new Date('2024-06-30T20:00:00Z');
    expect(frameMonth(frameOf(dataset({ timeZone: 'Asia/Shanghai' }), at))).toBe('2024-07');
    expect(frameMonth(frameOf(dataset({ timeZone: 'America/New_York' }), at))).toBe('2024-06');
  });
});

describe('the defaults of a frame', () => {
  it("opens the duty time on the zone's hour", () => {
    expect(frameDutyAt(TEST_FRAME)).toBe('2024-10-17T09:00');
  });

  it("opens the tourism sliders on the zone's month and hour", () => {
    expect(frameTourismTime(TEST_FRAME)).toEqual({ month: 10, hour: 9 });
  });

  it('reads 本月 as the month of now', () => {
    expect(frameMonth(TEST_FRAME)).toBe('2024-10');
  });
});

describe('recordEnded', () => {
  it('is null while the record runs to today', () => {
    expect(recordEnded(TEST_DATASET)).toBeNull();
  });

  it('is the last day when the record ended before today', () => {
    const ended = dataset({
      today: '2024-10-17',
      record: { firstMonth: '2019-03', lastMonth: '2020-08', lastDay: '2020-08-27' },
    });
    expect(recordEnded(ended)).toBe('2020-08-27');
  });

  it('is null for an empty record', () => {
    const empty = dataset({ record: { firstMonth: null, lastMonth: null, lastDay: null } });
    expect(recordEnded(empty)).toBeNull();
  });
});
