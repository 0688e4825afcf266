/**
 * One sync run against the team's hub, pure logic over injected dependencies:
 *
 * 1. Pull. List the hub's bundles after the last one handled, and for each in sequence order:
 *    download, open the team envelope, hand the bundle to `importBundle` (every check of a file
 *    import, then the merge), then persist its seq. One at a time, the seq written only after
 *    the bundle was applied or refused, so an interruption never skips a bundle; one applied
 *    twice (crash between apply and the seq) is harmless, as import knows each bundle by id.
 *    This member's own uploads are passed over: their change sets came from here.
 * 2. Push. `exportPending` gives a bundle of what the hub has not got (or null); it is sealed
 *    with the team key and persisted with its marker before the upload starts, and the upload id
 *    as soon as the hub gives one — so a restart resumes the same bytes from the hub's offset.
 *    When the hub has the bundle, `markPushed(marker)` records it as on the hub.
 *
 * Pulling first means what was just pulled is not sent back.
 *
 * A hub whose head is below the last seq this device handled has lost bundles (restored from
 * an older backup, say): its new bundles would reuse seqs already passed and be skipped for
 * good. The run stops with `hubWentBack` before pulling or pushing anything, and keeps the seq
 * as it is, for a person to act (docs/team-sync.md, "A hub that went back"). It does not start
 * over from seq 0 by itself: a re-pull would be safe (import knows each bundle by id), but what
 * this device pushed after the backup is gone from the hub while its record of what the hub
 * holds says otherwise, so those change sets would silently never reach the team.
 *
 * Refusal policy: a bundle that fails a check — not a team envelope, wrong key or altered bytes,
 * bytes that do not match the hub's SHA-256 twice, a bundle listed larger than the protocol
 * allows (`too_large`, never downloaded), or any bundle check (signature, hashes,
 * limits, a changed signing key…) — is recorded as refused, with its seq, sender and reason,
 * and passed over: it will fail the same way every time, and retrying it forever would stop every
 * later bundle from arriving. Anything else (no connection, the hub's errors, storage failing,
 * cancel) stops the run where it is, to be resumed next time.
 */
import type { HubBundle, HubClient } from './hubClient.ts';
import { isHubError } from './hubError.ts';
import type { AbortSignalLike } from './hubTransport.ts';
import type { SyncProgress } from './syncStatus.ts';
import { openForTeam, sealForTeam } from './teamCipher.ts';
import { TeamSyncError, isTeamSyncError } from './teamSyncError.ts';

/** An upload that was started and must finish before anything else is pushed. */
export interface PendingPush {
  envelope: Uint8Array;
  /** What `markPushed` records once the hub has the bundle (opaque here). */
  marker: unknown;
  changeSets: number;
  uploadId?: string;
}

export interface Refusal {
  seq: number;
  member: string;
  code: string;
  message: string;
  at: string;
}

/** Where a run's state is kept between runs (the settings table, in the app). */
export interface SyncStateStore {
  appliedSeq(): Promise<number>;
  setAppliedSeq(seq: number): Promise<void>;
  pendingPush(): Promise<PendingPush | null>;
  setPendingPush(push: PendingPush | null): Promise<void>;
  recordRefusal(refusal: Refusal): Promise<void>;
}

export interface ExportedPending {
  bytes: Uint8Array;
  marker: unknown;
  changeSets: number;
}

export interface SyncDeps {
  client: HubClient;
  teamId: string;
  teamKey: Uint8Array;
  /** This device's member id on the hub. */
  memberId: string;
  state: SyncStateStore;
  /** Check and apply one bundle; throws on a check failing (see `isRefusal`). */
  importBundle(bytes: Uint8Array, signal?: AbortSignalLike): Promise<{ applied: boolean }>;
  /** Whether an error of `importBundle` means "this bundle is refused" rather than "stop". */
  isRefusal(error: unknown): boolean;
  exportPending(signal?: AbortSignalLike): Promise<ExportedPending | null>;
  markPushed(marker: unknown): Promise<void>;
  now: () => number;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignalLike;
  chunkBytes?: number;
  /** Bundles listed per request. */
  pageSize?: number;
}

export interface SyncResult {
  /** Bundles applied from the hub. */
  pulled: number;
  refused: Refusal[];
  /** Change sets sent, 0 when there was nothing to send. */
  pushed: number;
  /** The seq of the last bundle handled. */
  appliedSeq: number;
}

function throwIfAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new Error('Cancelled.');
}

function refusalOf(bundle: HubBundle, error: unknown, at: number): Refusal {
  const code =
    isTeamSyncError(error) || isHubError(error)
      ? error.code
      : typeof (error as { code?: unknown }).code === 'string'
        ? (error as { code: string }).code
        : 'refused';
  return {
    seq: bundle.seq,
    member: bundle.member,
    code,
    message: error instanceof Error ? error.message : String(error),
    at: new Date(at).toISOString(),
  };
}

export async function runSyncCycle(deps: SyncDeps): Promise<SyncResult> {
  const result: SyncResult = { pulled: 0, refused: [], pushed: 0, appliedSeq: 0 };
  result.appliedSeq = await pull(deps, result);
  result.pushed = await push(deps);
  return result;
}

async function pull(deps: SyncDeps, result: SyncResult): Promise<number> {
  const { client, teamId, state, signal } = deps;
  let after = await state.appliedSeq();
  while (true) {
    throwIfAborted(signal);
    const { bundles, head } = await client.listBundles(teamId, after, deps.pageSize ?? 100, signal);
    if (head < after) {
      throw new TeamSyncError(
        'hubWentBack',
        `The hub's last bundle is number ${head}, but this device already received up to number ${after}: the hub lost bundles, perhaps restored from an older backup. Sync has stopped so nothing is skipped; tell the person who runs the hub.`,
        { head, applied: after },
      );
    }
    if (bundles.length === 0) return after;
    const runTotal = bundles.length + Math.max(0, head - bundles.at(-1)!.seq);
    for (const [i, bundle] of bundles.entries()) {
      throwIfAborted(signal);
      if (bundle.member !== deps.memberId) await pullOne(deps, bundle, i + 1, runTotal, result);
      await state.setAppliedSeq(bundle.seq);
      after = bundle.seq;
    }
  }
}

/**
 * Hub answers that refuse one listed bundle for good — its bytes do not match, it is larger than
 * any bundle may be, or the hub listed it but cannot serve it (its file is gone): recorded and
 * skipped, so the bundles after it still arrive. Anything else (offline, a server error) stops
 * the run, and the next one tries again.
 */
const UNAVAILABLE = new Set(['hash_mismatch', 'too_large', 'not_found']);

async function pullOne(
  deps: SyncDeps,
  bundle: HubBundle,
  index: number,
  count: number,
  result: SyncResult,
): Promise<void> {
  const progress = (done: number, total: number) =>
    deps.onProgress?.({ phase: 'pulling', bundle: index, bundles: count, done, total });
  try {
    const envelope = await deps.client.download(deps.teamId, bundle, {
      onProgress: progress,
      ...(deps.chunkBytes !== undefined ? { chunkBytes: deps.chunkBytes } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    const plain = await openForTeam(envelope, deps.teamKey, deps.teamId);
    if ((await deps.importBundle(plain, deps.signal)).applied) result.pulled++;
  } catch (error) {
    throwIfAborted(deps.signal);
    const refused =
      isTeamSyncError(error) ||
      (isHubError(error) && UNAVAILABLE.has(error.code)) ||
      (!isHubError(error) && deps.isRefusal(error));
    if (!refused) throw error;
    const refusal = refusalOf(bundle, error, deps.now());
    await deps.state.recordRefusal(refusal);
    result.refused.push(refusal);
  }
}

async function push(deps: SyncDeps): Promise<number> {
  const { state, signal } = deps;
  let pending = await state.pendingPush();
  if (pending === null) {
    throwIfAborted(signal);
    const exported = await deps.exportPending(signal);
    if (exported === null) return 0;
    const envelope = await sealForTeam(exported.bytes, deps.teamKey, deps.teamId);
    pending = { envelope, marker: exported.marker, changeSets: exported.changeSets };
    await state.setPendingPush(pending);
  }
  const started = pending;
  await deps.client.upload(deps.teamId, started.envelope, {
    ...(started.uploadId !== undefined ? { resumeId: started.uploadId } : {}),
    onStarted: (uploadId) => state.setPendingPush({ ...started, uploadId }),
    onProgress: (done, total) => deps.onProgress?.({ phase: 'pushing', done, total }),
    ...(deps.chunkBytes !== undefined ? { chunkBytes: deps.chunkBytes } : {}),
    ...(signal ? { signal } : {}),
  });
  await deps.markPushed(started.marker);
  await state.setPendingPush(null);
  return started.changeSets;
}
