/** The issues overlay, as the registry lists it; its layers and controls are in overlay.tsx. */
import { defineOverlay } from '../overlay.ts';
import { issuesEn, issuesZh } from './messages.ts';
import { NO_ISSUE_FILTER } from './state.ts';
import { issuesUrl } from './url.ts';

export const issuesOverlay = defineOverlay({
  id: 'issues',
  panel: 10,
  initial: () => ({ issues: NO_ISSUE_FILTER }),
  url: issuesUrl,
  messages: { 'zh-CN': issuesZh, en: issuesEn },
});
