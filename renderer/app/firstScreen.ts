/**
 * Whether the first screen of records has been shown since the app opened. Work that can wait —
 * the search index's load, which reads every record — starts after it, so the rows the person
 * opened the app to see are not queued behind it in IndexedDB (which serves one read at a time)
 * or on the CPU. Views that show no list never say so; a time limit starts the work anyway.
 */
let shown = false;
const FIRST_SCREEN_MARK = 'daftar:firstScreen';
const waiting = new Set<() => void>();

/** Called by a list once its first rows (or its empty state) are on screen. */
export function firstScreenShown(): void {
  if (shown) return;
  shown = true;
  // For the benchmarks' split of the first-row time and the end-to-end test that the list says so.
  performance.mark(FIRST_SCREEN_MARK);
  for (const resume of [...waiting]) resume();
}

/** Resolves once the first screen is shown, or after `limitMs` at most. */
export function afterFirstScreen(limitMs: number): Promise<void> {
  if (shown) return Promise.resolve();
  return new Promise((resolve) => {
    const resume = () => {
      clearTimeout(timer);
      waiting.delete(resume);
      resolve();
    };
    const timer = setTimeout(resume, limitMs);
    waiting.add(resume);
  });
}
