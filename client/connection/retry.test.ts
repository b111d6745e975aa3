import { describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, MAX_RETRY_MS, retryDelay } from './retry.ts';

describe('retryDelay', () => {
  it('starts at about a second', () => {
    expect(retryDelay(1, 0)).toBe(FIRST_RETRY_MS / 2);
    expect(retryDelay(1, 1)).toBe(FIRST_RETRY_MS);
  });

  it('doubles with each failure', () => {
    expect(retryDelay(3, 1)).toBe(4 * FIRST_RETRY_MS);
  });

  it('never waits longer than 30 s', () => {
    expect(retryDelay(50, 1)).toBe(MAX_RETRY_MS);
    expect(retryDelay(1000, 1)).toBe(MAX_RETRY_MS);
  });
});

describe('retryDelay with a ceiling of its own', () => {
  it('stops doubling at the ceiling', () => {
    expect(retryDelay(10, 1, 10_000)).toBe(10_000);
    expect(retryDelay(2, 1, 10_000)).toBe(2 * FIRST_RETRY_MS);
  });
});
