import { describe, expect, it } from 'vitest';
import { INITIAL_STREAM, streamReducer, type StreamEvent } from './stream-state.ts';

const run = (events: StreamEvent[]) => events.reduce(streamReducer, INITIAL_STREAM);

describe('streamReducer', () => {
  it('is live once open', () => {
    expect(run([{ type: 'opened', at: 10 }])).toEqual({
      status: 'live',
      failures: 0,
      lastGoodAt: 10,
      reconnects: 0,
    });
  });

  it('is delayed after a drop, counting the failed attempts', () => {
    const state = run([
      { type: 'opened', at: 10 },
      { type: 'failed', at: 20 },
      { type: 'failed', at: 30 },
    ]);
    expect(state).toMatchObject({ status: 'delayed', failures: 2, lastGoodAt: 10 });
  });

  it('counts a reconnect when open again after a drop, and clears the failures', () => {
    const state = run([
      { type: 'opened', at: 10 },
      { type: 'failed', at: 20 },
      { type: 'opened', at: 30 },
    ]);
    expect(state).toMatchObject({ status: 'live', failures: 0, reconnects: 1 });
  });

  it('moves the last good time with each event received', () => {
    expect(
      run([
        { type: 'opened', at: 10 },
        { type: 'received', at: 15 },
      ]).lastGoodAt,
    ).toBe(15);
  });
});
