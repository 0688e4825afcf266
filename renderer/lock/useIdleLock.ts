/**
 * Auto-lock: after `minutes` without a key press, click, touch or pointer movement in the
 * window, `onIdle` runs (0 = never). Checked every few seconds against the time of the last
 * input, so a laptop waking from sleep past the limit locks at once.
 */
import { useEffect } from 'react';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 5_000;

export function useIdleLock(minutes: number, onIdle: () => void, now = () => Date.now()): void {
  useEffect(() => {
    if (minutes <= 0) return;
    let last = now();
    const active = () => {
      last = now();
    };
    for (const type of ACTIVITY)
      window.addEventListener(type, active, { capture: true, passive: true });
    const timer = setInterval(() => {
      if (now() - last >= minutes * 60_000) onIdle();
    }, CHECK_EVERY_MS);
    return () => {
      clearInterval(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, active, { capture: true });
    };
  }, [minutes, onIdle, now]);
}
