import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.useRealTimers();
  vi.resetModules();
});

/** A fresh copy of the module: it holds whether the first screen was shown. */
const load = () => import('./firstScreen.ts');

describe('work that waits for the first screen', () => {
  it('starts when a list shows its first screen, not before', async () => {
    vi.useFakeTimers();
    const { afterFirstScreen, firstScreenShown } = await load();
    let started = false;
    void afterFirstScreen(1_500).then(() => (started = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toBe(false);
    firstScreenShown();
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toBe(true);
  });

  it('starts after the time limit when no list says so (another view was opened)', async () => {
    vi.useFakeTimers();
    const { afterFirstScreen } = await load();
    let started = false;
    void afterFirstScreen(1_500).then(() => (started = true));
    await vi.advanceTimersByTimeAsync(1_499);
    expect(started).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toBe(true);
  });

  it('does not wait at all once the first screen was shown', async () => {
    const { afterFirstScreen, firstScreenShown } = await load();
    firstScreenShown();
    let started = false;
    void afterFirstScreen(60_000).then(() => (started = true));
    await Promise.resolve();
    expect(started).toBe(true);
  });
});
