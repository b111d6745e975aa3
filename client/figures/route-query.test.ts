import { describe, expect, it } from 'vitest';
import { profileQueryOf, wholeRecord, withoutCategory } from './route-query.ts';

describe('the URL state query as a route query', () => {
  it('reads the window and the filters, lists kept comma-separated', () => {
    expect(
      profileQueryOf('window=range&from=2024-01-01&to=2024-03-31&category=noise,parking'),
    ).toEqual({ window: 'range', from: '2024-01-01', to: '2024-03-31', category: 'noise,parking' });
  });

  it('drops the category filter, or the window, and nothing else', () => {
    const q = profileQueryOf('window=month&category=noise&status=open');
    expect(withoutCategory(q)).toEqual({ window: 'month', status: 'open' });
    expect(wholeRecord(q)).toEqual({ window: 'all', category: 'noise', status: 'open' });
  });
});
