/** The 邻里之家 overlay's part of the URL: the walking distance of its circles (`walk`). */
import { WALK_DISTANCES, type SitesSlice, type WalkDistance } from './state.ts';
import type { OverlayCodec } from '../overlay.ts';

export const sitesUrl: OverlayCodec<SitesSlice> = {
  parse(params, init) {
    const walk = Number(params.get('walk'));
    return {
      walk:
        params.has('walk') && (WALK_DISTANCES as readonly number[]).includes(walk)
          ? (walk as WalkDistance)
          : init.walk,
    };
  },
  write(state, params, init) {
    if (state.walk !== init.walk) params.set('walk', String(state.walk));
  },
};
