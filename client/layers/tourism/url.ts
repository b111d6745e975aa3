/** The tourism overlay's part of the URL: month, hour and peak threshold (`tm`, `th`, `peak`). */
import type { OverlayCodec } from '../overlay.ts';
import { intIn } from '../url-params.ts';
import type { TourismSlice } from './state.ts';

export const tourismUrl: OverlayCodec<TourismSlice> = {
  parse(params, init) {
    return {
      month: intIn(params.get('tm'), 1, 12, init.month),
      hour: intIn(params.get('th'), 0, 23, init.hour),
      peakThreshold: intIn(params.get('peak'), 1, 1_000_000, init.peakThreshold),
    };
  },
  write(state, params, init) {
    if (state.month !== init.month) params.set('tm', String(state.month));
    if (state.hour !== init.hour) params.set('th', String(state.hour));
    if (state.peakThreshold !== init.peakThreshold) {
      params.set('peak', String(state.peakThreshold));
    }
  },
};
