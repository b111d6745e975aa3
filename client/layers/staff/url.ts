/** The staff overlay's part of the URL: the time duty is checked at (`duty`). */
import { DUTY_RE, type StaffSlice } from './state.ts';
import type { OverlayCodec } from '../overlay.ts';

export const staffUrl: OverlayCodec<StaffSlice> = {
  parse(params, init) {
    const duty = params.get('duty');
    return { dutyAt: duty !== null && DUTY_RE.test(duty) ? duty : init.dutyAt };
  },
  write(state, params, init) {
    if (state.dutyAt !== init.dutyAt) params.set('duty', state.dutyAt);
  },
};
