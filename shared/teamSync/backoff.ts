/**
 * When to try again after a failed sync: 5 s, then doubling up to 15 minutes, each delay
 * "equal-jittered" (between half and all of it) so a team whose laptops all lost the same
 * connection do not come back to the hub in step. A success resets it; a hub's Retry-After is
 * respected as a floor. Randomness is injected.
 */
export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
  /** A number in [0, 1). */
  random?: () => number;
}

export class Backoff {
  private failures = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private readonly random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 5_000;
    this.maxMs = options.maxMs ?? 15 * 60_000;
    this.factor = options.factor ?? 2;
    this.random = options.random ?? Math.random;
  }

  /** Failures since the last success. */
  get attempts(): number {
    return this.failures;
  }

  /** Record a failure; the delay before the next try, in milliseconds. */
  next(floorMs = 0): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * this.factor ** this.failures);
    this.failures++;
    const delay = ceiling / 2 + (this.random() * ceiling) / 2;
    return Math.round(Math.min(Math.max(delay, floorMs), Math.max(this.maxMs, floorMs)));
  }

  reset(): void {
    this.failures = 0;
  }
}
