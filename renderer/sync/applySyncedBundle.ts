/**
 * A bundle that arrived by team sync — from the hub or the sync folder — goes through exactly
 * what a file import does: `openBundle` (every check), then `applyBundle` (the merge; conflicts
 * land in the Conflicts view). One difference: a bundle signed with a key other than the one this
 * device knows for its sender is refused here, where a file import asks the person first — no one
 * is there to ask during a sync run. What the place (hub, folder) is known to hold grows by what
 * the bundle brought, even when it was applied before (the run that applied it may have stopped
 * before recording that).
 */
import { isBundleError } from '../../shared/bundle/bundleError.ts';
import { TeamSyncError, isTeamSyncError } from '../../shared/teamSync/teamSyncError.ts';
import type { DaftarData } from '../data/daftarData.ts';
import { coverageAfterPull, type HeldCoverage } from '../data/heldCoverage.ts';

export interface HeldStore {
  held(): Promise<HeldCoverage>;
  setHeld(coverage: HeldCoverage): Promise<void>;
}

export async function applySyncedBundle(
  data: DaftarData,
  bytes: Uint8Array,
  place: HeldStore,
  signal?: AbortSignal,
): Promise<{ applied: boolean }> {
  const options = signal ? { signal } : {};
  const plan = await data.exchange.openBundle(bytes, options);
  if (plan.signer.status === 'keyChanged') {
    throw new TeamSyncError(
      'signerKeyChanged',
      `The bundle from ${plan.signer.device} (${plan.signer.author}) is signed with a key other than the one this device knows for it. Confirm the key with its owner, then import a bundle from them by file.`,
      { device: plan.signer.device, author: plan.signer.author },
    );
  }
  const applied = plan.importedBefore === null;
  if (applied) await data.exchange.applyBundle(plan, options);
  await place.setHeld(await coverageAfterPull(data.db, await place.held(), plan.bundle));
  return { applied };
}

/** Whether an error of `applySyncedBundle` refuses the bundle for good (rather than stopping). */
export function isSyncRefusal(error: unknown): boolean {
  return (isBundleError(error) && error.code !== 'cancelled') || isTeamSyncError(error);
}
