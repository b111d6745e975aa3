/** The tourism overlay's part of the overlay state: its month, hour and peak threshold. */
import { frameTourismTime, type DatasetFrame } from '../../dataset/frame.ts';
import { dutyTime, type StaffSlice } from '../staff/state.ts';

/** The tourism overlay's fields of the overlay state. */
export interface TourismSlice {
  /** Tourism month 1..12 (default the zone's month). */
  month: number;
  /** Tourism hour 0..23 (default the zone's hour). */
  hour: number;
  /** Visitors per hour above which a 小区 should switch to peak mode (default 3000). */
  peakThreshold: number;
}

export const DEFAULT_PEAK_THRESHOLD = 3000;

/** The month and hour open on the zone's present. */
export function initialTourism(frame: DatasetFrame): TourismSlice {
  const { month, hour } = frameTourismTime(frame);
  return { month, hour, peakThreshold: DEFAULT_PEAK_THRESHOLD };
}

/**
 * The moment the peak-mode check uses: the tourism month and hour, on the day of the month of
 * the duty time (clamped to 28 so every month has it), in the duty time's year. The duty time
 * is the staff overlay's: the check counts the staff on duty then.
 */
export function peakTime(state: StaffSlice & Pick<TourismSlice, 'month' | 'hour'>): string {
  const year = state.dutyAt.slice(0, 4);
  const day = Math.min(Number(state.dutyAt.slice(8, 10)), 28);
  const mm = String(state.month).padStart(2, '0');
  return dutyTime(`${year}-${mm}-${String(day).padStart(2, '0')}`, state.hour);
}
