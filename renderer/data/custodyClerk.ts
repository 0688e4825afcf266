/**
 * Writes chain-of-custody entries for this device: who captured a source, added a file, and
 * which bundles carried it in or out. Ids sort by time, then by order within this session, so
 * entries made in one millisecond keep their order; the random tail keeps two devices apart.
 */
import type { CustodyEntry } from '../../shared/domain/custody.ts';

export interface CustodyClerkContext {
  device: string;
  author: () => string;
  now: () => number;
  newId: () => string;
}

export class CustodyClerk {
  private seq = 0;

  constructor(private readonly context: CustodyClerkContext) {}

  /** One entry per source, all at the same moment. */
  entries(
    sourceIds: Iterable<string>,
    action: CustodyEntry['action'],
    detail: string,
  ): CustodyEntry[] {
    const at = new Date(this.context.now()).toISOString();
    const author = this.context.author();
    return [...sourceIds].map((sourceId) => ({
      id: `${at}#${String(++this.seq).padStart(9, '0')}#${this.context.newId()}`,
      sourceId,
      at,
      action,
      device: this.context.device,
      author,
      detail,
    }));
  }
}
