/**
 * A replica for exchange tests: a DaftarData on its own fresh fake-IndexedDB database, with a
 * controllable clock, predictable ids, an Ed25519 signer from Node's WebCrypto, and a weak
 * passphrase KDF (test-only) so encrypted round trips stay fast.
 */
import { generateDeviceKeyPair, signerFromKey } from '../../shared/bundle/crypto.ts';
import { DaftarData } from '../../renderer/data/daftarData.ts';

export const T0 = Date.UTC(2025, 2, 1, 8);

export interface Replica {
  data: DaftarData;
  clock: { now: number };
  name: string;
}

export async function openReplica(label: string, author = label): Promise<Replica> {
  const clock = { now: T0 };
  let next = 0;
  const keys = await generateDeviceKeyPair();
  const signer = signerFromKey(keys.privateKey, keys.publicKey);
  const name = `replica-${label}-${Math.random()}`;
  const data = await DaftarData.open({
    name,
    now: () => clock.now,
    newId: () => `${label}${String(++next).padStart(6, '0')}`,
    signer: () => Promise.resolve(signer),
    appVersion: 'test',
    exchangeOptions: {
      readOptions: { testOnlyAllowWeakKdf: true },
      writeOptions: { iterations: 1_000, testOnlyAllowWeakKdf: true },
    },
  });
  await data.saveProfile({ name: author, role: 'researcher' });
  return { data, clock, name };
}

/** Export everything from `from` and import it into `to`; returns the import report. */
export async function sendAll(from: Replica, to: Replica) {
  const bundle = await from.data.exchange.exportBundle({ kind: 'all' });
  const plan = await to.data.exchange.openBundle(bundle.bytes);
  return to.data.exchange.applyBundle(plan, { acceptChangedKey: false });
}
