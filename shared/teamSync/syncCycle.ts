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
 *    When the hub has the bundle, `markPushed(marker)` records it as on the hub. A bundle larger
 *    than the hub takes (`maxBundleBytes`) is made again of the older half of the pending change
 *    sets, and again, until it fits; the run then pushes part after part until nothing is
 *    pending. One change set too large on its own is passed over for the hub (see `NotSent`).
 *    The push half is in syncPush.ts.
 *
 * Pulling first means what was just pulled is not sent back.
 *
 * A hub that lost bundles (restored from an older backup, say) would have its new bundles reuse
 * seqs this device already passed, and they would be skipped for good. Two signs of it: the
 * hub's head is below the last seq this device handled, or the hub lists another bundle (another
 * SHA-256 or sender) under that seq than the one handled — it was restored and has since taken
 * new bundles past that number. Either way the run stops with `hubWentBack` before pulling or
 * pushing anything, and keeps the seq as it is, for a person to act (docs/team-sync.md, "A hub
 * that went back"). It does not start over from seq 0 by itself: a re-pull would be safe
 * (import knows each bundle by id), but what this device pushed after the backup is gone from
 * the hub while its record of what the hub holds says otherwise, so those change sets would
 * silently never reach the team.
 *
 * Refusal policy: a bundle that fails a check — not a team envelope, wrong key or altered bytes,
 * bytes that do not match the hub's SHA-256 twice, a bundle listed larger than the protocol
 * allows (`too_large`, never downloaded), or any bundle check (signature, hashes,
 * limits, a changed signing key…) — is recorded as refused, with its seq, sender and reason,
 * and passed over: it will fail the same way every time, and retrying it forever would stop every
 * later bundle from arriving. Anything else (no connection, the hub's errors, storage failing,
 * cancel) stops the run where it is, to be resumed next time.
 */
import { MAX_BUNDLE_BYTES, type HubBundle, type HubClient } from './hubClient.ts';
import { isHubError } from './hubError.ts';
import { cancelError, type AbortSignalLike } from './hubTransport.ts';
import type { SyncProgress } from './syncStatus.ts';
import { push, tooLargeForHub } from './syncPush.ts';
import { openForTeam } from './teamCipher.ts';
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

/** The bundle handled last, as the hub listed it: to recognise the hub next time. */
export interface HandledBundle {
  seq: number;
  sha256: string;
  member: string;
}

/**
 * A change set that alone makes a bundle larger than the hub takes (a source with a 300 MB
 * attachment, say), passed over for the hub so the change sets after it still go: it can reach
 * the team by file (Exchange). Listed until a person dismisses it; every run ends with
 * `tooLargeForHub` while one is listed, so the status keeps saying so.
 */
export interface NotSent {
  /** The change set's clock (its id). */
  hlc: string;
  kind: string;
  recordId: string;
  /** The record's title as this device holds it ('' when it has none). */
  title: string;
  /** The size of the sealed bundle it alone makes. */
  bytes: number;
  at: string;
}

/** Where a run's state is kept between runs (the settings table, in the app). */
export interface SyncStateStore {
  appliedSeq(): Promise<number>;
  /** `bundle`: the one of that seq, kept to check the hub still lists it next run. */
  setAppliedSeq(seq: number, bundle?: HandledBundle): Promise<void>;
  /** What `setAppliedSeq` kept; null when none (state from before it was kept). */
  appliedBundle?(): Promise<HandledBundle | null>;
  pendingPush(): Promise<PendingPush | null>;
  setPendingPush(push: PendingPush | null): Promise<void>;
  recordRefusal(refusal: Refusal): Promise<void>;
  /**
   * Change sets passed over as too large for the hub. A store without these cannot pass one
   * over: the push then stops at it, every run, with `tooLargeForHub`.
   */
  notSent?(): Promise<NotSent[]>;
  recordNotSent?(item: NotSent): Promise<void>;
}

export interface ExportedPending {
  bytes: Uint8Array;
  marker: unknown;
  changeSets: number;
  /**
   * When the bundle holds one change set: which, for a person (`NotSent` without size and time),
   * and the marker that records it alone as on the hub — its change set, none of the custody
   * entries the bundle also carries — used if it is too large to send.
   */
  single?: { item: Omit<NotSent, 'bytes' | 'at'>; passOver: unknown };
}

/** Only the oldest `changeSets` of the pending change sets, in clock order. */
export interface ExportCut {
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
  /**
   * A bundle of what the hub has not got, or null; with `cut`, of the oldest change sets only
   * (and every custody entry), with the marker that claims no more than that.
   */
  exportPending(signal?: AbortSignalLike, cut?: ExportCut): Promise<ExportedPending | null>;
  markPushed(marker: unknown): Promise<void>;
  now: () => number;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignalLike;
  chunkBytes?: number;
  /** Bundles listed per request. */
  pageSize?: number;
  /** The largest sealed bundle the hub takes; the protocol's 256 MiB (tests use less). */
  maxBundleBytes?: number;
  /** Called once the pull and the push are done, before the run ends (or says what was not sent). */
  onFinished?: (result: SyncResult) => Promise<void>;
}

export interface SyncResult {
  /** Bundles applied from the hub. */
  pulled: number;
  refused: Refusal[];
  /** Change sets sent, 0 when there was nothing to send. */
  pushed: number;
  /** Bundles sent: more than one when what was pending was larger than the hub takes. */
  parts: number;
  /** The seq of the last bundle handled. */
  appliedSeq: number;
}

function throwIfAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw cancelError(signal);
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

/**
 * One run: pull, then push. Throws when the run stopped; also, after a run that did everything
 * else, while change sets too large for the hub are listed (`NotSent`), so the status says so.
 */
export async function runSyncCycle(deps: SyncDeps): Promise<SyncResult> {
  const result: SyncResult = { pulled: 0, refused: [], pushed: 0, parts: 0, appliedSeq: 0 };
  result.appliedSeq = await pull(deps, result);
  await push(deps, result);
  await deps.onFinished?.(result);
  const notSent = (await deps.state.notSent?.()) ?? [];
  if (notSent.length > 0) {
    throw tooLargeForHub(notSent, deps.maxBundleBytes ?? MAX_BUNDLE_BYTES, true);
  }
  return result;
}

const handled = ({ seq, sha256, member }: HubBundle): HandledBundle => ({ seq, sha256, member });

async function pull(deps: SyncDeps, result: SyncResult): Promise<number> {
  const { client, teamId, state, signal } = deps;
  let after = await state.appliedSeq();
  // The first page starts at the bundle handled last, to see that the hub still lists it.
  let check = after > 0;
  while (true) {
    throwIfAborted(signal);
    const from = check ? after - 1 : after;
    const { bundles, head } = await client.listBundles(teamId, from, deps.pageSize ?? 100, signal);
    if (head < after) {
      throw new TeamSyncError(
        'hubWentBack',
        `The hub's last bundle is number ${head}, but this device already received up to number ${after}: the hub lost bundles, perhaps restored from an older backup. Sync has stopped so nothing is skipped; tell the person who runs the hub.`,
        { head, applied: after },
      );
    }
    if (check) {
      await checkLastHandled(deps, bundles.shift(), after, head);
      check = false;
      if (bundles.length === 0 && head > after) continue;
    }
    if (bundles.length === 0) return after;
    const runTotal = bundles.length + Math.max(0, head - bundles.at(-1)!.seq);
    for (const [i, bundle] of bundles.entries()) {
      throwIfAborted(signal);
      if (bundle.member !== deps.memberId) await pullOne(deps, bundle, i + 1, runTotal, result);
      await state.setAppliedSeq(bundle.seq, handled(bundle));
      after = bundle.seq;
    }
  }
}

/**
 * The hub must still list, under the seq handled last, the bundle handled then (same SHA-256,
 * same sender); otherwise it was restored from an older backup and has numbered new bundles
 * from there. State kept before the bundle was (no `appliedBundle`) is not checked this once:
 * what the hub lists now is kept, and checked from the next run on.
 */
async function checkLastHandled(
  deps: SyncDeps,
  listed: HubBundle | undefined,
  applied: number,
  head: number,
): Promise<void> {
  const { state } = deps;
  const kept = (await state.appliedBundle?.()) ?? null;
  const same =
    listed !== undefined &&
    listed.seq === applied &&
    (kept === null ||
      kept.seq !== applied ||
      (kept.sha256 === listed.sha256 && kept.member === listed.member));
  if (!same) {
    throw new TeamSyncError(
      'hubWentBack',
      `The hub's bundle number ${applied} is not the one this device received under that number: the hub lost bundles, perhaps restored from an older backup, and has numbered new bundles from there (its last is number ${head}). Sync has stopped so nothing is skipped; tell the person who runs the hub.`,
      { head, applied },
      'hubWentBackRenumbered',
    );
  }
  if (state.appliedBundle && (kept === null || kept.seq !== applied)) {
    await state.setAppliedSeq(applied, handled(listed));
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
