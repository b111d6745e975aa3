/** The tourist pressure overlay, as the registry lists it; its layers and controls are in overlay.tsx. */
import { defineOverlay } from '../overlay.ts';
import { tourismEn, tourismZh } from './messages.ts';
import { initialTourism } from './state.ts';
import { tourismUrl } from './url.ts';

export const tourismOverlay = defineOverlay({
  id: 'tourism',
  panel: 40,
  initial: initialTourism,
  url: tourismUrl,
  messages: { 'zh-CN': tourismZh, en: tourismEn },
});
