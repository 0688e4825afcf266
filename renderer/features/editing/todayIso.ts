/** Today's date (UTC) for form defaults. Reads the clock, so it lives in the UI, not the core. */
import { isoDateOf } from '../../../shared/util/isoDate.ts';

export function todayIso(): string {
  return isoDateOf(Date.now());
}
