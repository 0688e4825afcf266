/**
 * Progress and cancellation for a loop over features: reports every 500 features and yields to
 * the event loop every 2 000 (so a worker or the UI can deliver an abort and paint progress),
 * checking the abort signal each time it yields.
 */
import type { ReadOptions } from '../imported.ts';
import { nextTurn, throwIfAborted } from '../platform.ts';

const REPORT_EVERY = 500;
const YIELD_EVERY = 2_000;

export class Pacer {
  constructor(
    private readonly total: number,
    private readonly options: ReadOptions,
  ) {}

  async step(index: number): Promise<void> {
    if (index % REPORT_EVERY === 0) this.options.onProgress?.(index, this.total);
    if (index > 0 && index % YIELD_EVERY === 0) {
      await nextTurn();
    }
    throwIfAborted(this.options.signal);
  }

  done(): void {
    this.options.onProgress?.(this.total, this.total);
  }
}
