/** The 邻里之家 overlay, as the registry lists it; its layers and controls are in overlay.tsx. */
import { defineOverlay } from '../overlay.ts';
import { sitesEn, sitesZh } from './messages.ts';
import { INITIAL_SITES } from './state.ts';
import { sitesUrl } from './url.ts';

export const sitesOverlay = defineOverlay({
  id: 'sites',
  panel: 20,
  initial: () => INITIAL_SITES,
  url: sitesUrl,
  messages: { 'zh-CN': sitesZh, en: sitesEn },
});
