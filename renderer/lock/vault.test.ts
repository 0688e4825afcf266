import { describe, expect, it, vi } from 'vitest';
import { Vault } from './vault.ts';
import { VaultError } from './vaultRecord.ts';
import { IndexedDbVaultStore, type VaultStore } from './vaultStore.ts';

const weak = { iterations: 1_000, testOnlyAllowWeakKdf: true } as const;
const newStore = () => new IndexedDbVaultStore(`vault-${Math.random()}`);
const settings = { language: 'fa-AF' };

/** A store whose next write is lost as if the app were killed before it reached the disk. */
class DyingStore implements VaultStore {
  dieOnWrite = false;
  constructor(private readonly inner: VaultStore) {}
  read = () => this.inner.read();
  destroy = () => this.inner.destroy();
  async write(record: unknown) {
    if (this.dieOnWrite) throw new Error('killed');
    await this.inner.write(record);
  }
}

async function rowKey(vault: Vault, passphrase: string) {
  const result = await vault.unlock(passphrase);
  if (result.kind !== 'unlocked') throw new Error(`expected unlocked, got ${result.kind}`);
  return result.unlocked.rowKey;
}

describe('the vault', () => {
  it('opens with its passphrase and with nothing else', async () => {
    const vault = new Vault(newStore(), weak);
    expect(await vault.record()).toBeNull();
    const created = await vault.create('correct horse', settings);
    expect(await rowKey(vault, 'correct horse')).toEqual(created.rowKey);
    expect(await vault.unlock('correct hors')).toEqual({ kind: 'wrongPassphrase' });
    expect(await vault.unlock('')).toEqual({ kind: 'wrongPassphrase' });
    expect((await vault.record())?.language).toBe('fa-AF');
  });

  it('refuses a passphrase that is too short', async () => {
    await expect(new Vault(newStore(), weak).create('short', settings)).rejects.toThrow(
      /at least 8 characters/,
    );
  });

  it('changes the passphrase by re-wrapping the same key', async () => {
    const vault = new Vault(newStore(), weak);
    const created = await vault.create('first passphrase', settings);
    await expect(vault.changePassphrase('not it at all', 'second passphrase')).rejects.toThrow(
      'That is not the passphrase of this profile.',
    );
    await vault.changePassphrase('first passphrase', 'second passphrase');
    expect(await vault.unlock('first passphrase')).toEqual({ kind: 'wrongPassphrase' });
    expect(await rowKey(vault, 'second passphrase')).toEqual(created.rowKey);
  });

  it('keeps the old passphrase working when the app dies during a change', async () => {
    const store = new DyingStore(newStore());
    const vault = new Vault(store, weak);
    const created = await vault.create('first passphrase', settings);
    store.dieOnWrite = true;
    await expect(vault.changePassphrase('first passphrase', 'second passphrase')).rejects.toThrow(
      'killed',
    );
    store.dieOnWrite = false;
    expect(await rowKey(vault, 'first passphrase')).toEqual(created.rowKey);
    expect(await vault.unlock('second passphrase')).toEqual({ kind: 'wrongPassphrase' });
  });

  it('tells a duress passphrase apart, and hides whether one is set', async () => {
    const vault = new Vault(newStore(), weak);
    await vault.create('everyday passphrase', settings);
    const before = await vault.record();
    await vault.setDuressPassphrase('everyday passphrase', 'open sesame now');
    const after = await vault.record();
    // Same shape, same sizes: the record does not say a duress passphrase was set.
    expect(Object.keys(after!.duress)).toEqual(Object.keys(before!.duress));
    expect(after!.duress.check.length).toBe(before!.duress.check.length);
    expect(after!.duress.check).not.toBe(before!.duress.check);

    expect(await vault.unlock('open sesame now')).toEqual({ kind: 'duress' });
    expect((await vault.unlock('everyday passphrase')).kind).toBe('unlocked');
    expect(await vault.unlock('open sesame')).toEqual({ kind: 'wrongPassphrase' });

    await expect(
      vault.setDuressPassphrase('everyday passphrase', 'everyday passphrase'),
    ).rejects.toThrow(/must differ/);
    await expect(vault.changePassphrase('everyday passphrase', 'open sesame now')).rejects.toThrow(
      /must differ from the duress/,
    );
    await vault.setDuressPassphrase('everyday passphrase', null);
    expect(await vault.unlock('open sesame now')).toEqual({ kind: 'wrongPassphrase' });
  });

  it('costs one PBKDF2 run for the passphrase, two for anything else, duress set or not', async () => {
    // PBKDF2 runs as deriveKey (the key's wrapping key) or deriveBits (the duress check).
    const spies = [vi.spyOn(crypto.subtle, 'deriveBits'), vi.spyOn(crypto.subtle, 'deriveKey')];
    const pbkdf2Runs = async (vault: Vault, passphrase: string) => {
      for (const spy of spies) spy.mockClear();
      await vault.unlock(passphrase);
      const algorithms = spies.flatMap((spy) =>
        spy.mock.calls.map((call) => (call[0] as Algorithm).name),
      );
      return algorithms.filter((name) => name === 'PBKDF2').length;
    };
    try {
      const plain = new Vault(newStore(), weak);
      await plain.create('everyday passphrase', settings);
      const withDuress = new Vault(newStore(), weak);
      await withDuress.create('everyday passphrase', settings);
      await withDuress.setDuressPassphrase('everyday passphrase', 'open sesame now');

      for (const vault of [plain, withDuress]) {
        expect(await pbkdf2Runs(vault, 'everyday passphrase')).toBe(1);
        expect(await pbkdf2Runs(vault, 'not the passphrase')).toBe(2);
      }
      expect(await pbkdf2Runs(withDuress, 'open sesame now')).toBe(2);
      expect(await pbkdf2Runs(plain, 'open sesame now')).toBe(2);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('says a damaged record is damaged, and leaves it as it is', async () => {
    const store = newStore();
    const vault = new Vault(store, weak);
    await vault.create('first passphrase', settings);
    const record = (await store.read()) as Record<string, unknown>;
    await store.write({ ...record, database: '../other' });
    await expect(vault.unlock('first passphrase')).rejects.toThrow(VaultError);
    await expect(vault.unlock('first passphrase')).rejects.toThrow(/damaged \(database\)/);
    expect(((await store.read()) as Record<string, unknown>).database).toBe('../other');
  });

  it('cannot be opened once destroyed', async () => {
    const vault = new Vault(newStore(), weak);
    await vault.create('first passphrase', settings);
    await vault.destroy();
    expect(await vault.record()).toBeNull();
    await expect(vault.unlock('first passphrase')).rejects.toThrow('This profile has no lock.');
  });

  it('refuses a weak key derivation in a record, outside tests', async () => {
    const store = newStore();
    await new Vault(store, weak).create('first passphrase', settings);
    await expect(new Vault(store).unlock('first passphrase')).rejects.toThrow(/iterations/);
  });
});
