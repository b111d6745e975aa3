import { describe, expect, it } from 'vitest';
import { localTimeProblem } from './dates.ts';

describe('localTimeProblem', () => {
  it('accepts a real local time', () => {
    expect(localTimeProblem('at', '2024-02-29T23:59')).toBeNull();
  });

  it.each(['2026-02-29T10:00', '2026-02-30T10:00', '2026-04-31T00:00'])(
    'names %s, which does not exist',
    (v) => {
      expect(localTimeProblem('at', v)).toContain(v);
    },
  );
});
