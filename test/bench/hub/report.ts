/**
 * The hub benchmark's figures: the result rows it reports (value against its floor, no target —
 * the issue gives none), the timer, and the median and p95 the latency rows are taken from.
 */

export interface HubResult {
  name: string;
  value: number;
  unit: string;
  floor: number;
  ratio: number;
  target: number | null;
}

export const MiB = 1024 * 1024;

export const now = () => performance.now();

/** A result row: `value` against `floor` (ratio = value / floor), with no target. */
export function versusFloor(name: string, value: number, unit: string, floor: number): HubResult {
  return { name, value, unit, floor, ratio: value / floor, target: null };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

export function p95(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!;
}
