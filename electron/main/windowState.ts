/**
 * Where the main window was, so it reopens there: bounds and maximized flag in
 * `window-state.json`. A corrupt file means defaults; restored bounds are clamped onto a display
 * that exists now (a monitor may have been unplugged since), and saving is debounced while the
 * window moves and flushed when it closes.
 */
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './jsonFile.ts';

export const WINDOW_STATE_FILE_NAME = 'window-state.json';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 640, height: 480 } as const;

const coordinate = z.number().int().min(-100_000).max(100_000);
const length = z.number().int().min(1).max(100_000);
const windowStateSchema = z.object({
  bounds: z.object({ x: coordinate, y: coordinate, width: length, height: length }),
  maximized: z.boolean(),
});

/** A stored state, or `undefined` when there is none or it is not valid. */
export async function loadWindowState(file: string): Promise<WindowState | undefined> {
  return readJsonFile(file, windowStateSchema);
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writeJsonFile(file, state);
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

const clamp = (value: number, low: number, high: number): number =>
  Math.min(Math.max(value, low), Math.max(low, high));

/** Fit `bounds` entirely inside `area`, shrinking it if it is larger. */
function fitInto(bounds: Rect, area: Rect): Rect {
  const width = Math.min(Math.max(bounds.width, MIN_SIZE.width), area.width);
  const height = Math.min(Math.max(bounds.height, MIN_SIZE.height), area.height);
  return {
    x: clamp(bounds.x, area.x, area.x + area.width - width),
    y: clamp(bounds.y, area.y, area.y + area.height - height),
    width,
    height,
  };
}

function centeredIn(area: Rect, size: { width: number; height: number }): Rect {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Where to open the window, given what was saved and the work areas of the displays now attached
 * (primary first). Pure. A window that overlaps a display is moved fully onto the display it
 * overlaps most; one that overlaps none is centred on the primary display.
 */
export function placeWindow(
  saved: WindowState | undefined,
  workAreas: readonly Rect[],
): WindowState {
  const primary = workAreas[0];
  if (primary === undefined) {
    return saved ?? { bounds: { x: 0, y: 0, ...DEFAULT_SIZE }, maximized: false };
  }
  if (saved === undefined) {
    return { bounds: centeredIn(primary, DEFAULT_SIZE), maximized: false };
  }
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = overlapArea(saved.bounds, area);
    if (overlap > bestArea) {
      best = area;
      bestArea = overlap;
    }
  }
  const bounds =
    best === undefined ? centeredIn(primary, saved.bounds) : fitInto(saved.bounds, best);
  return { bounds, maximized: saved.maximized };
}

export interface WindowStateSaver {
  /** Save after `delayMs` of quiet (moves and resizes come in bursts). */
  schedule(): void;
  /** Save now (on close), cancelling any pending save. */
  flush(): Promise<void>;
  /** Drop a pending save. */
  cancel(): void;
}

export function createWindowStateSaver(options: {
  read: () => WindowState | undefined;
  save: (state: WindowState) => Promise<void>;
  delayMs?: number;
  onError?: (error: unknown) => void;
}): WindowStateSaver {
  const delayMs = options.delayMs ?? 500;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const saveNow = async (): Promise<void> => {
    const state = options.read();
    if (state === undefined) return;
    try {
      await options.save(state);
    } catch (error) {
      options.onError?.(error);
    }
  };
  return {
    schedule() {
      cancel();
      timer = setTimeout(() => {
        timer = undefined;
        void saveNow();
      }, delayMs);
    },
    async flush() {
      cancel();
      await saveNow();
    },
    cancel,
  };
}
