import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchScrolling } from './scrollQuiet.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('the search load pauses while something scrolls', () => {
  it('goes on at once when nothing has scrolled', async () => {
    const quiet = watchScrolling(new EventTarget(), 250);
    let resumed = false;
    void quiet.whenQuiet().then(() => (resumed = true));
    await Promise.resolve();
    expect(resumed).toBe(true);
    quiet.dispose();
  });

  it('waits until nothing has scrolled for the quiet time, however long the scrolling goes on', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const page = new EventTarget();
    const quiet = watchScrolling(page, 250);
    page.dispatchEvent(new Event('scroll'));
    let resumed = false;
    void quiet.whenQuiet().then(() => (resumed = true));
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(100);
      page.dispatchEvent(new Event('scroll'));
    }
    expect(resumed).toBe(false);
    await vi.advanceTimersByTimeAsync(249);
    expect(resumed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(resumed).toBe(true);
    quiet.dispose();
  });

  it('stops listening when disposed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const page = new EventTarget();
    const quiet = watchScrolling(page, 250);
    quiet.dispose();
    await vi.advanceTimersByTimeAsync(1_000);
    page.dispatchEvent(new Event('scroll'));
    let resumed = false;
    void quiet.whenQuiet().then(() => (resumed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(resumed).toBe(true);
  });
});
