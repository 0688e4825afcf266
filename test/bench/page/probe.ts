/**
 * In-page instruments for the incidents-list benchmarks, injected at document start into every
 * page the runner opens (the real app and the bare floor page alike, so both are measured the
 * same way): when the first data row became visible, and frame times of a rAF loop that may
 * scroll the list.
 *
 * The list contract: a `role="table"` named "Incidents" whose data rows live inside the scrollable
 * element marked `data-scroll="incidents"`. A data row is a `role="row"` with at least two cells:
 * that leaves out header rows and the one-cell "Loading…" placeholder a virtual list shows while
 * it fetches a row's record.
 *
 * The app starts at its lock screen: the probe also notes when the lock screen's passphrase field
 * appeared and when its form was submitted, so the runner can leave out the time the screen
 * waited for someone to type (`lockWaitMs`), and keep the unlocking itself.
 */

export const SCROLLER = '[data-scroll="incidents"]';

export interface FirstRow {
  /** ms since navigation start (performance.timeOrigin). */
  at: number;
  text: string;
  /** Navigation milestones at that moment, ms since navigation start (0: not reached yet). */
  responseEnd: number;
  domContentLoaded: number;
  /** From the lock screen's passphrase field appearing to its form's submission; 0 without one. */
  lockWaitMs: number;
  /** When the passphrase field appeared, and when its form was submitted (-1: not seen). */
  lockShownAt: number;
  lockSubmittedAt: number;
}

export interface FrameRun {
  /** Intervals between consecutive animation frames, ms. */
  frames: number[];
  startTop: number;
  endTop: number;
  /** Whether the list ran out of rows before the loop ended. */
  reachedEnd: boolean;
  firstRowBefore: string;
  firstRowAfter: string;
  longTasks: number;
  longestTaskMs: number;
  /** Frames that began with a placeholder (not yet fetched) row among the rendered rows. */
  placeholderFrames: number;
}

export interface Probe {
  firstRow: FirstRow | null;
  frameLoop(options: { durationMs: number; step: number }): Promise<FrameRun>;
}

declare global {
  var daftarProbe: Probe;
}

const CELL = '[role="cell"], [role="gridcell"]';
const LOCK_FIELD = '.lock-screen input[type="password"]';

function isDataRow(row: Element): boolean {
  return row.querySelectorAll(CELL).length >= 2;
}

function firstVisibleDataRow(): HTMLElement | null {
  const scroller = document.querySelector<HTMLElement>(SCROLLER);
  if (!scroller) return null;
  const box = scroller.getBoundingClientRect();
  for (const row of scroller.querySelectorAll<HTMLElement>('[role="row"]')) {
    if (!isDataRow(row)) continue;
    const r = row.getBoundingClientRect();
    const onScreen = r.height > 0 && r.width > 0 && r.bottom > box.top && r.top < box.bottom;
    if (onScreen && (row.textContent ?? '').trim() !== '') return row;
  }
  return null;
}

function install(): Probe {
  const probe: Probe = {
    firstRow: null,
    frameLoop,
  };
  let lockShownAt = -1;
  let lockSubmittedAt = -1;
  addEventListener(
    'submit',
    (event) => {
      if (event.target instanceof Element && event.target.closest('.lock-screen'))
        lockSubmittedAt = performance.now();
    },
    true,
  );
  const check = () => {
    if (probe.firstRow) return;
    if (lockShownAt < 0 && document.querySelector(LOCK_FIELD)) lockShownAt = performance.now();
    const row = firstVisibleDataRow();
    if (!row) return;
    const at = performance.now();
    const navigation = performance.getEntriesByType('navigation')[0] as
      PerformanceNavigationTiming | undefined;
    probe.firstRow = {
      at,
      text: (row.textContent ?? '').trim().slice(0, 120),
      responseEnd: navigation?.responseEnd ?? 0,
      domContentLoaded: navigation?.domContentLoadedEventEnd ?? 0,
      lockWaitMs: lockShownAt >= 0 && lockSubmittedAt >= 0 ? lockSubmittedAt - lockShownAt : 0,
      lockShownAt,
      lockSubmittedAt,
    };
    observer.disconnect();
  };
  // Mutations catch the row as soon as it is inserted; the frame poll catches rows that become
  // visible through style alone.
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  const poll = () => {
    check();
    if (!probe.firstRow) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  return probe;
}

/** One rAF loop for `durationMs`; with `step` > 0 it moves the list down `step` px per frame. */
function frameLoop({ durationMs, step }: { durationMs: number; step: number }): Promise<FrameRun> {
  const scroller = document.querySelector<HTMLElement>(SCROLLER);
  if (!scroller) return Promise.reject(new Error(`No ${SCROLLER} element on the page`));
  const rowText = () => (firstVisibleDataRow()?.textContent ?? '').trim().slice(0, 120);
  const startTop = scroller.scrollTop;
  const firstRowBefore = rowText();
  let longTasks = 0;
  let longestTaskMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks++;
      longestTaskMs = Math.max(longestTaskMs, entry.duration);
    }
  });
  observer.observe({ type: 'longtask' });
  return new Promise((resolve) => {
    const frames: number[] = [];
    let first = -1;
    let last = -1;
    let steps = 0;
    let reachedEnd = false;
    let placeholderFrames = 0;
    const tick = (time: number) => {
      if (first < 0) first = time;
      else frames.push(time - last);
      last = time;
      if (time - first >= durationMs) {
        observer.disconnect();
        resolve({
          frames,
          startTop,
          endTop: scroller.scrollTop,
          reachedEnd,
          firstRowBefore,
          firstRowAfter: rowText(),
          longTasks,
          longestTaskMs,
          placeholderFrames,
        });
        return;
      }
      // Counted in both loops (idle and scrolling) so they do the same work; cheap (no layout,
      // cells are a row's children in both pages).
      for (const row of scroller.querySelectorAll('[role="row"]')) {
        if (row.childElementCount < 2) {
          placeholderFrames++;
          break;
        }
      }
      if (step > 0) {
        steps++;
        const target = startTop + steps * step;
        scroller.scrollTop = target;
        if (scroller.scrollTop + 1 < target) reachedEnd = true;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

globalThis.daftarProbe ??= install();
