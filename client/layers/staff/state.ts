/** The staff overlay's part of the overlay state: the time duty is checked at. */
import { LOCAL_HOUR, whole } from '../../../server/contract/patterns.ts';
import { frameDutyAt, type DatasetFrame } from '../../dataset/frame.ts';

/** The staff overlay's fields of the overlay state. */
export interface StaffSlice {
  /** The time staff duty is checked at, `YYYY-MM-DDTHH:00` in the zone's clock (default now). */
  dutyAt: string;
}

/** The duty time opens on the zone's present hour. */
export const initialStaff = (frame: DatasetFrame): StaffSlice => ({ dutyAt: frameDutyAt(frame) });

/** A duty time `YYYY-MM-DDTHH:00`. */
export const DUTY_RE = whole(LOCAL_HOUR);

/** The duty time from a date (`YYYY-MM-DD`) and an hour. */
export function dutyTime(date: string, hour: number): string {
  return `${date}T${String(hour).padStart(2, '0')}:00`;
}
