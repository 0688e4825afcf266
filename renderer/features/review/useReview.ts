/** Live review data for components: a record's threads and the names of the devices' people. */
import type { AnnotatableKind } from '../../../shared/domain/annotation.ts';
import { useLive } from '../../app/appContext.ts';
import { threadsWithMerged, type MergedThread } from '../../data/mergeIncidents.ts';

/**
 * A record's threads; an incident's also those written about the incidents merged into it (they
 * keep the record they were about: annotations are never rewritten).
 */
export function useThreads(kind: AnnotatableKind, id: string): MergedThread[] | undefined {
  return useLive(
    async (d) =>
      kind === 'incident'
        ? threadsWithMerged(d, id)
        : (await d.review.threadsOf(kind, id)).map((t) => ({ ...t, fromMerged: null })),
    [kind, id],
  );
}

const NO_NAMES = new Map<string, string>();

export function useAuthorNames(): ReadonlyMap<string, string> {
  return useLive((d) => d.review.authorNames(), []) ?? NO_NAMES;
}

/** Element id of a thread's card, which a highlighted passage points to (aria-details). */
export const threadElementId = (rootId: string) => `thread-${rootId}`;
/** Element id of a thread's highlighted passage in the text. */
export const passageElementId = (rootId: string) => `passage-${rootId}`;
