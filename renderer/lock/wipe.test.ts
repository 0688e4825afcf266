import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { testSealer } from '../../test/helpers/testSealer.ts';
import { DaftarData } from '../data/daftarData.ts';
import { Vault } from './vault.ts';
import { IndexedDbVaultStore } from './vaultStore.ts';
import { wipeEverything } from './wipe.ts';

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    setItem: (k: string, v: string) => void items.set(k, v),
    getItem: (k: string) => items.get(k) ?? null,
    clear: () => items.clear(),
    get length() {
      return items.size;
    },
  };
};

afterEach(() => void vi.unstubAllGlobals());

async function names() {
  return (await indexedDB.databases()).map((db) => db.name);
}

describe('wipeEverything', () => {
  it('destroys the key first, then every database and the storage, then the host’s files', async () => {
    const local = memoryStorage();
    const session = memoryStorage();
    vi.stubGlobal('localStorage', local);
    vi.stubGlobal('sessionStorage', session);
    local.setItem('basemap', 'Kabul');
    const store = new IndexedDbVaultStore(`vault-${Math.random()}`);
    const vault = new Vault(store, { iterations: 1_000, testOnlyAllowWeakKdf: true });
    const { database } = await vault.create('a long passphrase', { language: 'en' });
    const data = await DaftarData.open({ name: database, sealer: testSealer() });
    await data.create('incident', { ...emptyIncident('2024-01-01'), title: 'Raid' });
    expect(await names()).toContain(database);

    const order: string[] = [];
    const failed = await wipeEverything({
      destroyKey: async () => {
        order.push(`key (data still there: ${(await names()).includes(database)})`);
        await vault.destroy();
      },
      closeData: () => {
        order.push('close');
        data.close();
      },
      wipeHost: async () => {
        order.push('host');
      },
    });

    expect(order).toEqual(['key (data still there: true)', 'close', 'host']);
    expect(await names()).not.toContain(database);
    expect(await vault.record()).toBeNull();
    expect(local.length).toBe(0);
    // Node has no Cache Storage or private file system: those steps have nothing to do.
    expect(failed).toEqual([]);
  });

  it('goes on when a step fails, and says which', async () => {
    vi.stubGlobal('localStorage', memoryStorage());
    vi.stubGlobal('sessionStorage', memoryStorage());
    const data = await DaftarData.open({ name: `wipe-${Math.random()}`, sealer: testSealer() });
    const host = vi.fn(async () => {});
    const failed = await wipeEverything({
      destroyKey: () => Promise.reject(new Error('disk full')),
      closeData: () => data.close(),
      wipeHost: host,
    });
    expect(failed).toEqual(['key: disk full']);
    expect(host).toHaveBeenCalled();
    expect(await names()).not.toContain(data.db.name);
  });
});
