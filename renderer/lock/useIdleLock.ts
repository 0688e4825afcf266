/**
 * Auto-lock: after `minutes` without a key press, click, touch or pointer movement in the
 * window, `onIdle` runs (0 = never). Checked every few seconds against the time of the last
 * input, so a laptop waking from sleep past the limit locks at once.
 */
import { useEffect, useRef } from 'react';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 5_000;

const systemNow = () => Date.now();

export function useIdleLock(minutes: number, onIdle: () => void, now = systemNow): void {
  // The last input, kept across changes of `minutes`: choosing a new time is not a fresh start
  // (and the choice lands only after its write, which may come well after the click).
  const last = useRef<number | null>(null);
  useEffect(() => {
    last.current ??= now();
    const active = () => {
      last.current = now();
    };
    for (const type of ACTIVITY)
      window.addEventListener(type, active, { capture: true, passive: true });
    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, active, { capture: true });
    };
  }, [now]);
  useEffect(() => {
    if (minutes <= 0) return;
    const timer = setInterval(() => {
      if (now() - (last.current ?? now()) >= minutes * 60_000) onIdle();
    }, CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [minutes, onIdle, now]);
}
