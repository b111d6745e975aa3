import { afterEach, describe, expect, it, vi } from 'vitest';
import { MESSAGES } from '../i18n/catalogue.ts';
import { SCREEN_MESSAGES } from '../screen/i18n/index.ts';
import { lazyMode } from './lazy-mode.ts';

const Component = () => null;

describe('lazyMode', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('downloads a mode once however often it is preloaded', async () => {
    const load = vi.fn(() => Promise.resolve(Component));
    const mode = lazyMode(load);
    await Promise.all([mode.preload(), mode.preload()]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("puts the mode's catalogue in place before its component is handed over", async () => {
    expect(MESSAGES['zh-CN']['screen.title']).toBeUndefined();
    const mode = lazyMode(
      () => Promise.resolve(Component),
      () => Promise.resolve(SCREEN_MESSAGES),
    );
    await mode.preload();
    expect(MESSAGES['zh-CN']['screen.title']).toBe(SCREEN_MESSAGES['zh-CN']['screen.title']);
    expect(MESSAGES.en['screen.title']).toBe(SCREEN_MESSAGES.en['screen.title']);
  });

  it('tries a failed download again', async () => {
    vi.useFakeTimers();
    const load = vi
      .fn<() => Promise<typeof Component>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValueOnce(Component);
    const loaded = lazyMode(load).preload();
    await vi.runAllTimersAsync();
    await expect(loaded).resolves.toEqual({ default: Component });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('loads the page again when the download keeps failing', async () => {
    vi.useFakeTimers();
    const reload = vi.fn();
    vi.stubGlobal('location', { reload });
    const loaded = lazyMode(() => Promise.reject(new TypeError('offline'))).preload();
    const settled = expect(loaded).rejects.toThrow('offline');
    await vi.runAllTimersAsync();
    await settled;
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
