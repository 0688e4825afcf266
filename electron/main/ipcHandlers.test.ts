import { basemapEntry } from '../../test/helpers/basemapEntry.ts';
import { describe, expect, it, vi } from 'vitest';
import type { KeychainEntry } from '../../shared/ipc/contract.ts';
import type { StoredBasemap } from '../../shared/maps/basemapFiles.ts';
import { createIpcHandlers, type IpcHandlerDeps } from './ipcHandlers.ts';

const BASEMAP_ID = '0b6f2f2e-5b8c-4d53-9a3e-6a1d2c0e9f10';
const KEYCHAIN_ENTRY: KeychainEntry = {
  database: 'daftar-0b6f2f2e-5b8c-4d53-9a3e-6a1d2c0e9f10',
  rowKey: new Uint8Array(32).fill(4),
};

function setup(overrides: Partial<IpcHandlerDeps> = {}) {
  const deps = {
    appVersion: '0.1.0',
    os: 'linux',
    openExternal: vi.fn(async () => undefined),
    saveFile: vi.fn(async () => 'saved' as const),
    printPdf: vi.fn(async () => 'saved' as const),
    setLanguage: vi.fn(async () => undefined),
    deviceKey: {
      publicKey: vi.fn(async () => new Uint8Array(32).fill(1)),
      sign: vi.fn(async () => new Uint8Array(64).fill(2)),
    },
    basemaps: {
      list: vi.fn(async (): Promise<StoredBasemap[]> => []),
      create: vi.fn(async () => BASEMAP_ID),
      write: vi.fn(async () => undefined),
      seal: vi.fn(async () => 3),
      read: vi.fn(async () => new Uint8Array([1, 2])),
      keep: vi.fn(async () => undefined),
      remove: vi.fn(async () => undefined),
    },
    hubRequest: vi.fn(async () => ({ status: 204, headers: {}, body: new Uint8Array() })),
    syncFolder: {
      choose: vi.fn(async () => 'Team Bundles'),
      current: vi.fn(async () => 'Team Bundles'),
      forget: vi.fn(async () => undefined),
      list: vi.fn(async () => [{ name: 'a.daftar', size: 2, modified: 1 }]),
      read: vi.fn(async () => new Uint8Array([5, 6])),
      write: vi.fn(async () => undefined),
      commit: vi.fn(async () => undefined),
      watch: vi.fn(() => () => undefined),
      reset: vi.fn(),
    },
    keychain: {
      available: vi.fn(async () => true),
      save: vi.fn(async () => undefined),
      load: vi.fn(async (): Promise<KeychainEntry | null> => KEYCHAIN_ENTRY),
      forget: vi.fn(async () => undefined),
    },
    wipeHost: vi.fn(async () => undefined),
    ...overrides,
  };
  return { deps, handlers: createIpcHandlers(deps) };
}
const context = { senderId: 3 };

describe('createIpcHandlers', () => {
  it('reports the host', async () => {
    const { handlers } = setup();
    await expect(handlers['daftar:info'](undefined, context)).resolves.toEqual({
      host: 'electron',
      appVersion: '0.1.0',
      os: 'linux',
    });
  });

  it('opens allowed links and refuses the rest', async () => {
    const { deps, handlers } = setup();
    await handlers['daftar:open-external']('https://example.org/a', context);
    expect(deps.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.org/a');
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://u:p@example.org/',
      'http://example.org/',
      'mailto:a@example.org',
    ]) {
      await expect(handlers['daftar:open-external'](url, context)).rejects.toThrow(
        'Only https links can be opened outside Daftar.',
      );
    }
    expect(deps.openExternal).toHaveBeenCalledTimes(1);
  });

  it('saves through the dialog for the sending window', async () => {
    const { deps, handlers } = setup();
    const request = { suggestedName: 'a.csv', mediaType: 'text/csv', data: new Uint8Array() };
    await expect(handlers['daftar:save-file'](request, context)).resolves.toBe('saved');
    expect(deps.saveFile).toHaveBeenCalledExactlyOnceWith(request, 3);
  });

  it('prints the sending window to PDF', async () => {
    const { deps, handlers } = setup();
    const request = { suggestedName: 'dossier.pdf' };
    await expect(handlers['daftar:print-pdf'](request, context)).resolves.toBe('saved');
    expect(deps.printPdf).toHaveBeenCalledExactlyOnceWith(request, 3);
  });

  it('passes the language on', async () => {
    const { deps, handlers } = setup();
    await handlers['daftar:set-language']('fa-AF', context);
    expect(deps.setLanguage).toHaveBeenCalledExactlyOnceWith('fa-AF');
  });

  it('answers with the device key and signs with it', async () => {
    const { deps, handlers } = setup();
    await expect(handlers['daftar:device-public-key'](undefined, context)).resolves.toEqual(
      new Uint8Array(32).fill(1),
    );
    const data = new Uint8Array([1, 2, 3]);
    await expect(handlers['daftar:device-sign'](data, context)).resolves.toHaveLength(64);
    expect(deps.deviceKey.sign).toHaveBeenCalledExactlyOnceWith(data);
  });

  it('hands a hub request to the requester and its answer back', async () => {
    const { deps, handlers } = setup();
    const request = {
      url: 'https://hub.example.org/v1/health',
      method: 'GET' as const,
      headers: {},
    };
    await expect(handlers['daftar:hub-request'](request, context)).resolves.toMatchObject({
      status: 204,
    });
    // The sender goes along: the question about a new hub is parented to its window.
    expect(deps.hubRequest).toHaveBeenCalledExactlyOnceWith(request, 3);
  });

  it('passes on that the host keeps no key', async () => {
    const deviceKey = {
      publicKey: async () => null,
      sign: async () => Promise.reject(new Error('This device has no host signing key')),
    };
    const { handlers } = setup({ deviceKey });
    await expect(handlers['daftar:device-public-key'](undefined, context)).resolves.toBeNull();
    await expect(handlers['daftar:device-sign'](new Uint8Array(), context)).rejects.toThrow(
      /no host signing key/,
    );
  });

  it('passes each basemap call on to the store and its answer back', async () => {
    const { deps, handlers } = setup();
    const { basemaps } = deps;
    await expect(handlers['daftar:basemap-create'](undefined, context)).resolves.toBe(BASEMAP_ID);
    const data = new Uint8Array([7, 8, 9]);
    await expect(
      handlers['daftar:basemap-write']({ id: BASEMAP_ID, offset: 5, data }, context),
    ).resolves.toBeUndefined();
    expect(basemaps.write).toHaveBeenCalledExactlyOnceWith(BASEMAP_ID, 5, data);
    await expect(handlers['daftar:basemap-seal'](BASEMAP_ID, context)).resolves.toBe(3);
    expect(basemaps.seal).toHaveBeenCalledExactlyOnceWith(BASEMAP_ID);
    await expect(
      handlers['daftar:basemap-read']({ id: BASEMAP_ID, offset: 1, length: 2 }, context),
    ).resolves.toEqual(new Uint8Array([1, 2]));
    expect(basemaps.read).toHaveBeenCalledExactlyOnceWith(BASEMAP_ID, 1, 2);
    const stored = basemapEntry({ id: BASEMAP_ID, addedAt: '2024-05-01T10:00:00Z' });
    await expect(handlers['daftar:basemap-keep'](stored, context)).resolves.toBeUndefined();
    expect(basemaps.keep).toHaveBeenCalledExactlyOnceWith(stored);
    await expect(handlers['daftar:basemap-list'](undefined, context)).resolves.toEqual([]);
    await expect(handlers['daftar:basemap-remove'](BASEMAP_ID, context)).resolves.toBeUndefined();
    expect(basemaps.remove).toHaveBeenCalledExactlyOnceWith(BASEMAP_ID);
  });

  it('passes the store’s refusals on', async () => {
    const { deps, handlers } = setup();
    vi.mocked(deps.basemaps.seal).mockRejectedValueOnce(
      new Error('No basemap file is being written under that id.'),
    );
    await expect(handlers['daftar:basemap-seal'](BASEMAP_ID, context)).rejects.toThrow(
      'No basemap file is being written under that id.',
    );
  });
});

describe('sync folder handlers', () => {
  it('pass each call on to the store, the chooser with the asking window', async () => {
    const { deps, handlers } = setup();
    const { syncFolder } = deps;
    await expect(handlers['daftar:folder-choose'](undefined, context)).resolves.toBe(
      'Team Bundles',
    );
    expect(syncFolder.choose).toHaveBeenCalledExactlyOnceWith(3);
    await expect(handlers['daftar:folder-current'](undefined, context)).resolves.toBe(
      'Team Bundles',
    );
    await expect(handlers['daftar:folder-list'](undefined, context)).resolves.toEqual([
      { name: 'a.daftar', size: 2, modified: 1 },
    ]);
    await expect(
      handlers['daftar:folder-read']({ name: 'a.daftar', offset: 1, length: 2 }, context),
    ).resolves.toEqual(new Uint8Array([5, 6]));
    expect(syncFolder.read).toHaveBeenCalledExactlyOnceWith('a.daftar', 1, 2);
    const data = new Uint8Array([1]);
    await expect(
      handlers['daftar:folder-write']({ name: 'b.daftar', offset: 0, data }, context),
    ).resolves.toBeUndefined();
    expect(syncFolder.write).toHaveBeenCalledExactlyOnceWith('b.daftar', 0, data);
    await expect(handlers['daftar:folder-commit']('b.daftar', context)).resolves.toBeUndefined();
    expect(syncFolder.commit).toHaveBeenCalledExactlyOnceWith('b.daftar');
    await expect(handlers['daftar:folder-forget'](undefined, context)).resolves.toBeUndefined();
    expect(syncFolder.forget).toHaveBeenCalledOnce();
  });

  it('pass the store’s messages on', async () => {
    const { deps, handlers } = setup();
    vi.mocked(deps.syncFolder.list).mockRejectedValueOnce(
      new Error('The sync folder “Team” cannot be found. Was it moved, or is the USB stick out?'),
    );
    await expect(handlers['daftar:folder-list'](undefined, context)).rejects.toThrow(/USB stick/);
  });
});

describe('keychain handlers', () => {
  it('pass each call on to the keychain store and its answer back', async () => {
    const { deps, handlers } = setup();
    await expect(handlers['daftar:keychain-available'](undefined, context)).resolves.toBe(true);
    await expect(
      handlers['daftar:keychain-save'](KEYCHAIN_ENTRY, context),
    ).resolves.toBeUndefined();
    expect(deps.keychain.save).toHaveBeenCalledExactlyOnceWith(KEYCHAIN_ENTRY);
    await expect(handlers['daftar:keychain-load'](undefined, context)).resolves.toEqual(
      KEYCHAIN_ENTRY,
    );
    await expect(handlers['daftar:keychain-forget'](undefined, context)).resolves.toBeUndefined();
    expect(deps.keychain.forget).toHaveBeenCalledOnce();
  });

  it('pass the keychain’s refusal on', async () => {
    const { deps, handlers } = setup();
    vi.mocked(deps.keychain.save).mockRejectedValueOnce(
      new Error('Daftar cannot keep the key in the keychain: the OS keychain is not available.'),
    );
    await expect(handlers['daftar:keychain-save'](KEYCHAIN_ENTRY, context)).rejects.toThrow(
      /cannot keep the key/,
    );
  });
});

describe('wipe handler', () => {
  it('wipes the host and passes on what could not be deleted', async () => {
    const { deps, handlers } = setup();
    await expect(handlers['daftar:wipe-host'](undefined, context)).resolves.toBeUndefined();
    expect(deps.wipeHost).toHaveBeenCalledOnce();
    vi.mocked(deps.wipeHost).mockRejectedValueOnce(new Error('… settings.json (EACCES).'));
    await expect(handlers['daftar:wipe-host'](undefined, context)).rejects.toThrow(/EACCES/);
  });
});
