/** Live review data for components: a record's threads and the names of the devices' people. */
import type { AnnotatableKind } from '../../../shared/domain/annotation.ts';
import { useLive } from '../../app/appContext.ts';
import type { Thread } from '../../data/reviewData.ts';

export function useThreads(kind: AnnotatableKind, id: string): Thread[] | undefined {
  return useLive((d) => d.review.threadsOf(kind, id), [kind, id]);
}

const NO_NAMES = new Map<string, string>();

export function useAuthorNames(): ReadonlyMap<string, string> {
  return useLive((d) => d.review.authorNames(), []) ?? NO_NAMES;
}

/** Element id of a thread's card, which a highlighted passage points to (aria-details). */
export const threadElementId = (rootId: string) => `thread-${rootId}`;
/** Element id of a thread's highlighted passage in the text. */
export const passageElementId = (rootId: string) => `passage-${rootId}`;
