/** The issues overlay's part of the URL: its filters and replay (`cat`, `st`, `lvl`, `from`, `to`, `at`). */
import { HANDLING_LEVELS, ISSUE_STATUSES } from '../../../server/contract/vocabulary.ts';
import type { OverlayCodec } from '../overlay.ts';
import { listOf } from '../url-params.ts';
import { categoriesOf, isRecordMonth, type IssuesSlice } from './state.ts';

export const issuesUrl: OverlayCodec<IssuesSlice> = {
  parse(params, _init, frame) {
    const month = (v: string | null) => (isRecordMonth(v, frame) ? v : null);
    return {
      issues: {
        category: categoriesOf(params.get('cat')),
        status: listOf(params.get('st'), ISSUE_STATUSES),
        level: listOf(params.get('lvl'), HANDLING_LEVELS),
        from: month(params.get('from')),
        to: month(params.get('to')),
        at: month(params.get('at')),
      },
    };
  },
  write({ issues: f }, params) {
    if (f.category.length > 0) params.set('cat', f.category.join(','));
    if (f.status.length > 0) params.set('st', f.status.join(','));
    if (f.level.length > 0) params.set('lvl', f.level.join(','));
    if (f.from) params.set('from', f.from);
    if (f.to) params.set('to', f.to);
    if (f.at) params.set('at', f.at);
  },
};
