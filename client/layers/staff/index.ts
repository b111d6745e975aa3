/** The sent-down staff overlay, as the registry lists it; its layers and controls are in overlay.tsx. */
import { defineOverlay } from '../overlay.ts';
import { staffEn, staffZh } from './messages.ts';
import { initialStaff } from './state.ts';
import { staffUrl } from './url.ts';

export const staffOverlay = defineOverlay({
  id: 'staff',
  panel: 30,
  initial: initialStaff,
  url: staffUrl,
  messages: { 'zh-CN': staffZh, en: staffEn },
});
