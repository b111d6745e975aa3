/**
 * A data set and its frame for the client's unit tests: a made-up zone (not the demo's) with a
 * record of its own months, on a clock ahead of UTC by an offset the demo never uses, so a test
 * that still leans on the demo's zone, months or clock fails instead of passing by chance.
 */
import type { Dataset } from '../../server/contract/index.ts';
import { frameOf, type DatasetFrame } from './frame.ts';

/** The instant the fixture is looked at: 09:41 on 2024-10-17 in Asia/Urumqi (UTC+06:00). */
export const TEST_NOW = new Date('2024-10-17T03:41:00Z');

/** `GET /api/dataset` of the fixture: a record from 2021-09 that runs up to today. */
export const TEST_DATASET: Dataset = {
  name: '测试区',
  source: 'test',
  isDemo: false,
  timeZone: 'Asia/Urumqi',
  today: '2024-10-17',
  zone: { code: 'Z01', name: '测试区', bbox: [87.4, 43.7, 87.8, 44.0] },
  streets: [
    { code: 'S1', name: '东街道' },
    { code: 'S2', name: '西街道' },
  ],
  record: { firstMonth: '2021-09', lastMonth: '2024-10', lastDay: '2024-10-17' },
};

/** The fixture's frame at {@link TEST_NOW}: zone Z01, record 2021-09…2024-10. */
export const TEST_FRAME: DatasetFrame = frameOf(TEST_DATASET, TEST_NOW);

/** The fixture's frame at another instant (its record unchanged). */
export const testFrameAt = (at: Date): DatasetFrame => frameOf(TEST_DATASET, at);
