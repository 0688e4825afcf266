/**
 * Whether the person is scrolling: the search index's load reads and indexes every record in its
 * worker, and on a machine with few cores that work competes with drawing the list. The load asks
 * `whenQuiet` before each page, so it pauses while anything in the window scrolls and resumes a
 * moment after. A person scrolls in bursts; the load fills the gaps.
 */
export const QUIET_MS = 250;

export interface ScrollQuiet {
  /** Resolves once nothing has scrolled for `quietMs` (at once when nothing is scrolling). */
  whenQuiet(): Promise<void>;
  dispose(): void;
}

export function watchScrolling(target: EventTarget = document, quietMs = QUIET_MS): ScrollQuiet {
  let last = -Infinity;
  const scrolled = () => {
    last = performance.now();
  };
  // Scroll events do not bubble; a capturing listener on the document hears every element's.
  const options = { capture: true, passive: true };
  target.addEventListener('scroll', scrolled, options);
  return {
    async whenQuiet() {
      for (;;) {
        const wait = last + quietMs - performance.now();
        if (wait <= 0) return;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
    dispose: () => target.removeEventListener('scroll', scrolled, options),
  };
}
