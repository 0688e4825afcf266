import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createWindowStateSaver,
  DEFAULT_SIZE,
  loadWindowState,
  placeWindow,
  saveWindowState,
  type Rect,
  type WindowState,
} from './windowState.ts';

const LAPTOP: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const MONITOR_RIGHT: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

let folder: string;
let file: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'daftar-window-'));
  file = path.join(folder, 'window-state.json');
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(folder, { recursive: true, force: true });
});

describe('loading and saving', () => {
  it('round-trips a state and leaves no temporary file', async () => {
    const state: WindowState = {
      bounds: { x: 10, y: 20, width: 900, height: 700 },
      maximized: true,
    };
    await saveWindowState(file, state);
    await expect(loadWindowState(file)).resolves.toEqual(state);
    expect(await readdir(folder)).toEqual(['window-state.json']);
  });

  it.each([
    ['truncated JSON', '{"bounds":{"x":1'],
    ['not JSON', '\u0000\u0001garbage'],
    ['wrong types', '{"bounds":{"x":"1","y":0,"width":800,"height":600},"maximized":false}'],
    ['absurd sizes', '{"bounds":{"x":0,"y":0,"width":0,"height":1e12},"maximized":false}'],
    ['fractions', '{"bounds":{"x":0.5,"y":0,"width":800,"height":600},"maximized":false}'],
    ['missing fields', '{"bounds":{"x":0,"y":0}}'],
    ['null', 'null'],
  ])('treats %s as no saved state, and opens with defaults', async (_name, text) => {
    await writeFile(file, text);
    const loaded = await loadWindowState(file);
    expect(loaded).toBeUndefined();
    expect(placeWindow(loaded, [LAPTOP])).toEqual({
      bounds: { x: 320, y: 110, ...DEFAULT_SIZE },
      maximized: false,
    });
  });

  it('has no state before the first save', async () => {
    await expect(loadWindowState(file)).resolves.toBeUndefined();
  });
});

describe('placeWindow', () => {
  const saved = (bounds: Rect, maximized = false): WindowState => ({ bounds, maximized });

  it('keeps a window that is fully visible', () => {
    const state = saved({ x: 100, y: 80, width: 1000, height: 700 }, true);
    expect(placeWindow(state, [LAPTOP, MONITOR_RIGHT])).toEqual(state);
  });

  it('keeps a window on the second display', () => {
    const state = saved({ x: 2200, y: 100, width: 1200, height: 900 });
    expect(placeWindow(state, [LAPTOP, MONITOR_RIGHT])).toEqual(state);
  });

  it('centres a window whose display was unplugged onto the primary display', () => {
    const state = saved({ x: 2200, y: 100, width: 1200, height: 900 }, true);
    expect(placeWindow(state, [LAPTOP])).toEqual({
      bounds: { x: 360, y: 70, width: 1200, height: 900 },
      maximized: true,
    });
  });

  it('pulls a partly off-screen window fully onto the display it overlaps most', () => {
    const placed = placeWindow(saved({ x: -300, y: 900, width: 1000, height: 700 }), [LAPTOP]);
    expect(placed.bounds).toEqual({ x: 0, y: 340, width: 1000, height: 700 });
  });

  it('shrinks a window larger than its display', () => {
    const placed = placeWindow(saved({ x: 0, y: 0, width: 5000, height: 3000 }), [LAPTOP]);
    expect(placed.bounds).toEqual(LAPTOP);
  });

  it('copes with no display information', () => {
    expect(placeWindow(undefined, []).bounds).toEqual({ x: 0, y: 0, ...DEFAULT_SIZE });
  });
});

describe('createWindowStateSaver', () => {
  const state: WindowState = { bounds: { x: 1, y: 2, width: 800, height: 600 }, maximized: false };

  it('saves once after a burst of moves', async () => {
    vi.useFakeTimers();
    const save = vi.fn(async () => undefined);
    const saver = createWindowStateSaver({ read: () => state, save, delayMs: 500 });
    for (let i = 0; i < 10; i += 1) {
      saver.schedule();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(save).toHaveBeenCalledExactlyOnceWith(state);
  });

  it('flushes immediately on close and drops the pending save', async () => {
    vi.useFakeTimers();
    const save = vi.fn(async () => undefined);
    const saver = createWindowStateSaver({ read: () => state, save });
    saver.schedule();
    await saver.flush();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('writes the real file on flush, and reports (not throws) a failed save', async () => {
    const saver = createWindowStateSaver({
      read: () => state,
      save: (s) => saveWindowState(file, s),
    });
    await saver.flush();
    await expect(loadWindowState(file)).resolves.toEqual(state);

    const onError = vi.fn();
    const failing = createWindowStateSaver({
      read: () => state,
      save: () => Promise.reject(new Error('EROFS')),
      onError,
    });
    await expect(failing.flush()).resolves.toBeUndefined();
    expect(onError).toHaveBeenCalledOnce();
  });
});
