// The admin token's life: created on the hub's first start and shown once, replaced by
// `--rotate-admin-token`. Only its SHA-256 is stored, so a lost token can only be rotated.
import { cryptoRandom, newToken, sha256Hex, type RandomSource } from './ids.ts';
import type { HubStore } from './store/hubStore.ts';

/** Creates the admin token when there is none; answers it (to show once), else null. */
export async function ensureAdminToken(
  store: HubStore,
  random: RandomSource = cryptoRandom,
): Promise<string | null> {
  if ((await store.getAdminTokenHash()) !== null) return null;
  return rotateAdminToken(store, random);
}

/** Replaces the admin token; the old one stops working at once. Answers the new token. */
export async function rotateAdminToken(
  store: HubStore,
  random: RandomSource = cryptoRandom,
): Promise<string> {
  const token = newToken(random);
  await store.setAdminTokenHash(sha256Hex(token));
  return token;
}
