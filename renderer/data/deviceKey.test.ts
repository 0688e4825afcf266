import { afterEach, describe, expect, it } from 'vitest';
import { verifySignature } from '../../shared/bundle/crypto.ts';
import { DaftarDatabase } from './database.ts';
import { loadOrCreateDeviceSigner, SETTING_DEVICE_KEY, type StoredDeviceKey } from './deviceKey.ts';
import { testSealer } from '../../test/helpers/testSealer.ts';

const opened: DaftarDatabase[] = [];

async function openDb(name = `deviceKey-${Math.random()}`): Promise<DaftarDatabase> {
  const db = new DaftarDatabase(name, testSealer());
  await db.open();
  opened.push(db);
  return db;
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/**
 * fake-indexeddb stores values with the global `structuredClone`. Node 20's clones CryptoKey
 * objects (as Chromium's IndexedDB does), so these tests exercise the real path; on a runtime
 * whose clone refused them they would say so here rather than fail obscurely below.
 */
const cryptoKeyClones = await (async () => {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
  try {
    const copy: unknown = structuredClone(pair.privateKey);
    await crypto.subtle.sign('Ed25519', copy as CryptoKey, new Uint8Array(1));
    return true;
  } catch (error) {
    console.log(`deviceKey.test.ts: skipped, structuredClone cannot copy a CryptoKey: ${error}`);
    return false;
  }
})();

describe.runIf(cryptoKeyClones)('loadOrCreateDeviceSigner', () => {
  it('creates a key once, stores it non-extractable, and signs with it', async () => {
    const db = await openDb();
    const signer = await loadOrCreateDeviceSigner(db, () => Date.UTC(2024, 0, 2));
    const row = (await db.settings.get(SETTING_DEVICE_KEY))?.value as StoredDeviceKey;
    expect(row).toMatchObject({
      version: 1,
      algorithm: 'Ed25519',
      createdAt: '2024-01-02T00:00:00.000Z',
    });
    expect(row.publicKey).toEqual(signer.publicKey);
    expect(row.privateKey).toBeInstanceOf(CryptoKey);
    expect(row.privateKey).toMatchObject({ type: 'private', extractable: false, usages: ['sign'] });

    const data = new TextEncoder().encode('manifest');
    const signature = await signer.sign(data);
    expect(await verifySignature(signer.publicKey, signature, data)).toBe(true);
  });

  it('returns the stored key on later calls and after reopening', async () => {
    const db = await openDb();
    const first = await loadOrCreateDeviceSigner(db);
    expect((await loadOrCreateDeviceSigner(db)).publicKey).toEqual(first.publicKey);
    db.close();
    const again = await openDb(db.name);
    const reopened = await loadOrCreateDeviceSigner(again);
    expect(reopened.publicKey).toEqual(first.publicKey);
    const data = new Uint8Array([1, 2, 3]);
    expect(await verifySignature(first.publicKey, await reopened.sign(data), data)).toBe(true);
  });

  it('makes one key when several first calls race, even from two connections', async () => {
    const db = await openDb();
    const other = await openDb(db.name);
    const signers = await Promise.all([
      ...Array.from({ length: 4 }, () => loadOrCreateDeviceSigner(db)),
      ...Array.from({ length: 4 }, () => loadOrCreateDeviceSigner(other)),
    ]);
    const keys = new Set(signers.map((s) => s.publicKey.join(',')));
    expect(keys.size).toBe(1);
    const stored = (await db.settings.get(SETTING_DEVICE_KEY))?.value as StoredDeviceKey;
    expect(stored.publicKey).toEqual(signers[0]!.publicKey);
  });

  it('refuses a damaged stored key and leaves it as it was', async () => {
    const db = await openDb();
    for (const damaged of [
      null,
      'key',
      { version: 1, algorithm: 'Ed25519', publicKey: new Uint8Array(32), privateKey: {} },
      { version: 2, algorithm: 'Ed25519', publicKey: new Uint8Array(32) },
    ]) {
      await db.settings.put({ key: SETTING_DEVICE_KEY, value: damaged });
      await expect(loadOrCreateDeviceSigner(db)).rejects.toThrow(/damaged or unreadable/);
      expect((await db.settings.get(SETTING_DEVICE_KEY))?.value).toEqual(damaged);
    }
  });
});
