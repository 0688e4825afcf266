/**
 * The push half of a sync run (syncCycle.ts): send what the hub has not got, as one bundle or,
 * when that is larger than the hub takes, as parts of the oldest change sets first, each sealed
 * and persisted with its marker before its upload starts, so a stopped run resumes the same
 * bytes. A change set too large on its own is passed over for the hub and named (`NotSent`).
 */
import { MAX_BUNDLE_BYTES } from './hubClient.ts';
import { isHubError } from './hubError.ts';
import { cancelError, type AbortSignalLike } from './hubTransport.ts';
import type { ExportCut, NotSent, PendingPush, SyncDeps, SyncResult } from './syncCycle.ts';
import { ENVELOPE_HEADER_BYTES, TAG_BYTES, sealForTeam } from './teamCipher.ts';
import { TeamSyncError } from './teamSyncError.ts';

/** A run sends at most this many bundles; the next run goes on (a guard against a loop). */
export const MAX_PARTS_PER_RUN = 100;

/** What the team envelope adds to a bundle (teamCipher.ts). */
const ENVELOPE_OVERHEAD = ENVELOPE_HEADER_BYTES + TAG_BYTES;

function throwIfAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw cancelError(signal);
}

export async function push(deps: SyncDeps, result: SyncResult): Promise<void> {
  const { state, signal } = deps;
  // Lowered for this run when the hub refuses a bundle's size: a hub may be set to take less.
  let limit = deps.maxBundleBytes ?? MAX_BUNDLE_BYTES;
  for (let part = 0; part < MAX_PARTS_PER_RUN; part++) {
    throwIfAborted(signal);
    // An upload started before (by this run, or one that stopped) goes first, with its bytes —
    // unless the hub never took it and it is larger than the hub takes (sealed whole by an
    // earlier version, or before this run learnt the hub's limit): then it is made again.
    let started = await state.pendingPush();
    if (started && started.uploadId === undefined && started.envelope.length > limit) {
      await state.setPendingPush(null);
      started = null;
    }
    started ??= await nextPart(deps, limit);
    if (started === null) return;
    const pending = started;
    let creating = false;
    try {
      await deps.client.upload(deps.teamId, pending.envelope, {
        ...(pending.uploadId !== undefined ? { resumeId: pending.uploadId } : {}),
        onCreating: () => void (creating = true),
        onStarted: (uploadId) => {
          creating = false;
          return state.setPendingPush({ ...pending, uploadId });
        },
        onProgress: (done, total) => deps.onProgress?.({ phase: 'pushing', done, total }),
        ...(deps.chunkBytes !== undefined ? { chunkBytes: deps.chunkBytes } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (!isHubError(error) || error.code !== 'too_large' || !creating) throw error;
      // The hub will not start an upload of this size: smaller parts, from what is pending now.
      limit = Math.min(limit, pending.envelope.length - 1);
      await state.setPendingPush(null);
      continue;
    }
    await deps.markPushed(pending.marker);
    await state.setPendingPush(null);
    result.pushed += pending.changeSets;
    result.parts++;
  }
}

/**
 * The next bundle to send, sealed and persisted with its marker before any byte goes, or null
 * when nothing is pending. Larger than the hub takes: made again of the older half of its
 * change sets, until it fits. One change set alone too large is passed over (recorded as
 * `NotSent` and marked as held, its custody entries not) and the rest made into a bundle; a
 * store that cannot record it stops the push there.
 */
async function nextPart(deps: SyncDeps, limit: number): Promise<PendingPush | null> {
  const { state, signal } = deps;
  let cut: ExportCut | undefined;
  const passedOver = new Set<string>();
  while (true) {
    throwIfAborted(signal);
    const exported = await deps.exportPending(signal, cut);
    if (exported === null) return null;
    if (cut && exported.changeSets > cut.changeSets) {
      throw new Error(`Asked for ${cut.changeSets} change sets, the export made a bundle of more.`);
    }
    const size = exported.bytes.length + ENVELOPE_OVERHEAD;
    if (size <= limit) {
      const envelope = await sealForTeam(exported.bytes, deps.teamKey, deps.teamId);
      const pending = { envelope, marker: exported.marker, changeSets: exported.changeSets };
      await state.setPendingPush(pending);
      return pending;
    }
    if (exported.changeSets > 1) {
      cut = { changeSets: Math.floor(exported.changeSets / 2) };
      continue;
    }
    // Passed over only when larger than the protocol lets any hub take: a limit learnt from one
    // hub's refusals (set low by mistake, say) stops the push instead of passing work over.
    const single = exported.single;
    const beyondAnyHub = size > (deps.maxBundleBytes ?? MAX_BUNDLE_BYTES);
    if (!single || !state.recordNotSent || !beyondAnyHub) {
      const items = single ? [{ ...single.item, bytes: size, at: '' }] : [];
      throw tooLargeForHub(items, limit, false);
    }
    // Marked as held, it cannot come back; if it does, the marker claimed nothing: stop rather
    // than pass it over (and export it) again and again.
    if (passedOver.has(single.item.hlc)) {
      throw new Error(
        `The change set ${single.item.hlc} was passed over for the hub and is still pending: what the hub holds was not recorded.`,
      );
    }
    passedOver.add(single.item.hlc);
    await state.recordNotSent({
      ...single.item,
      bytes: size,
      at: new Date(deps.now()).toISOString(),
    });
    await deps.markPushed(single.passOver);
    cut = undefined;
  }
}

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** The error that says which record cannot go to the hub, and what to do. */
export function tooLargeForHub(
  items: NotSent[],
  limitBytes: number,
  passedOver: boolean,
): TeamSyncError {
  const limit = megabytes(limitBytes);
  const first = items[0];
  if (!first) {
    return new TeamSyncError(
      'tooLargeForHub',
      `What waits to be sent makes a bundle larger than the hub takes (${limit} MB), and cannot be split further.`,
      { count: 0, limit },
      'tooLargeForHubUnsplit',
    );
  }
  const name = first.title || first.recordId;
  const what = `The change to the ${first.kind} “${name}” (${first.recordId}) makes a bundle of ${megabytes(first.bytes)} MB with its attached files, more than the hub takes (${limit} MB)`;
  const more = items.length > 1 ? ` (and ${items.length - 1} more change(s) too large)` : '';
  const tail = passedOver
    ? 'It was not sent to the hub; everything else was. Send it to the team by file (Exchange).'
    : 'Sync cannot send it, nor what came after it. Send it to the team by file (Exchange).';
  return new TeamSyncError(
    'tooLargeForHub',
    `${what}${more}. ${tail}`,
    {
      count: items.length,
      name,
      kind: first.kind,
      recordId: first.recordId,
      size: megabytes(first.bytes),
      limit,
    },
    passedOver ? undefined : 'tooLargeForHubStopped',
  );
}
