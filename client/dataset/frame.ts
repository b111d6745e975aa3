/**
 * What the client needs of the data set before it can read an address: the zone (the default
 * selection), the months of the record (the replay slider's range, which URL months are valid)
 * and the zone's clock (本月, 本年, the duty time and tourism month and hour that open "now").
 * Pure: built from `GET /api/dataset` and an instant.
 */
import type { Dataset } from '../../server/contract/index.ts';
import { zoneMinute } from '../../server/contract/zone-time.ts';

export interface DatasetFrame {
  /** The zone's code: the selection when the address names none ('' in an empty database). */
  zone: string;
  /** The record's first and last month, `YYYY-MM` (today's month when it is empty). */
  firstMonth: string;
  lastMonth: string;
  /** The zone's clock when the frame was made, `YYYY-MM-DDTHH:MM`. */
  now: string;
  /** IANA time zone of that clock. */
  timeZone: string;
}

/** The frame of a data set at an instant. */
export function frameOf(dataset: Dataset, at: Date = new Date()): DatasetFrame {
  const now = zoneMinute(dataset.timeZone, at);
  const month = now.slice(0, 7);
  return {
    zone: dataset.zone?.code ?? '',
    firstMonth: dataset.record.firstMonth ?? month,
    lastMonth: dataset.record.lastMonth ?? month,
    now,
    timeZone: dataset.timeZone,
  };
}

/** The zone's current month, `YYYY-MM`: what 本月 and 本年 stand for. */
export const frameMonth = (frame: DatasetFrame): string => frame.now.slice(0, 7);

/** The zone's current hour as a duty time, `YYYY-MM-DDTHH:00`: the duty slider opens on it. */
export const frameDutyAt = (frame: DatasetFrame): string => `${frame.now.slice(0, 13)}:00`;

/** The zone's month (1–12) and hour (0–23): the tourism sliders open on them. */
export function frameTourismTime(frame: DatasetFrame): { month: number; hour: number } {
  return { month: Number(frame.now.slice(5, 7)), hour: Number(frame.now.slice(11, 13)) };
}

/** The record's last day when it ends before the zone's today (the header says 数据截至), else null. */
export function recordEnded(dataset: Dataset): string | null {
  const last = dataset.record.lastDay;
  return last !== null && last < dataset.today ? last : null;
}
