import { basemapEntry } from '../../test/helpers/basemapEntry.ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DaftarBridge, IpcResult } from '../../shared/ipc/contract.ts';
import { getBridge } from './bridge.ts';
import { createElectronPlatform, unwrapIpcResult } from './electronPlatform.ts';

function fakeBridge(answer: IpcResult<unknown>) {
  const invoke = vi.fn<(channel: string, arg: unknown) => Promise<IpcResult<unknown>>>(
    async () => answer,
  );
  const unsubscribe = vi.fn();
  const onMenu = vi.fn<DaftarBridge['onMenu']>(() => unsubscribe);
  const onOpenBundle = vi.fn<DaftarBridge['onOpenBundle']>(() => unsubscribe);
  const onSyncFolderChange = vi.fn<DaftarBridge['onSyncFolderChange']>(() => unsubscribe);
  // The fake answers every channel alike; the cast stands in for main's per-channel typing.
  const bridge = { invoke, onMenu, onOpenBundle, onSyncFolderChange } as unknown as DaftarBridge;
  return { bridge, invoke, onMenu, onOpenBundle, onSyncFolderChange, unsubscribe };
}

describe('createElectronPlatform', () => {
  it('unwraps successful answers', async () => {
    const info = { host: 'electron', appVersion: '0.1.0', os: 'linux' };
    const { bridge, invoke } = fakeBridge({ ok: true, value: info });
    await expect(createElectronPlatform(bridge).info()).resolves.toEqual(info);
    expect(invoke).toHaveBeenCalledExactlyOnceWith('daftar:info', undefined);
  });

  it('sends each call on its channel', async () => {
    const { bridge, invoke } = fakeBridge({ ok: true, value: 'saved' });
    const platform = createElectronPlatform(bridge);
    const request = { suggestedName: 'a.csv', mediaType: 'text/csv', data: new Uint8Array([1]) };
    await expect(platform.saveFile(request)).resolves.toBe('saved');
    await expect(platform.printToPdf?.({ suggestedName: 'dossier.pdf' })).resolves.toBe('saved');
    await expect(platform.openExternal('https://example.org/')).resolves.toBeUndefined();
    await expect(platform.setLanguage('fa-AF')).resolves.toBeUndefined();
    expect(invoke.mock.calls).toEqual([
      ['daftar:save-file', request],
      ['daftar:print-pdf', { suggestedName: 'dossier.pdf' }],
      ['daftar:open-external', 'https://example.org/'],
      ['daftar:set-language', 'fa-AF'],
    ]);
  });

  it('throws main’s message when the host refuses', async () => {
    const { bridge } = fakeBridge({ ok: false, error: 'Not enough disk space to save “a.csv”.' });
    const platform = createElectronPlatform(bridge);
    const request = { suggestedName: 'a.csv', mediaType: 'text/csv', data: new Uint8Array() };
    await expect(platform.saveFile(request)).rejects.toThrow(
      new Error('Not enough disk space to save “a.csv”.'),
    );
    expect(() => unwrapIpcResult({ ok: false, error: 'no' })).toThrow('no');
    expect(() =>
      unwrapIpcResult({ ok: false, error: 'You did not allow…', code: 'hub_not_allowed' }),
    ).toThrow(expect.objectContaining({ code: 'hub_not_allowed' }));
  });

  it('subscribes to menu commands through the bridge', () => {
    const { bridge, onMenu, unsubscribe } = fakeBridge({ ok: true, value: undefined });
    const listener = vi.fn();
    const stop = createElectronPlatform(bridge).onMenuCommand(listener);
    expect(onMenu).toHaveBeenCalledExactlyOnceWith(listener);
    stop();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });
});

describe('deviceSigner', () => {
  /** A bridge that answers the two device-key channels as main would. */
  function keyBridge(publicKey: Uint8Array | null, signature = new Uint8Array(64).fill(9)) {
    const { bridge, invoke } = fakeBridge({ ok: true, value: undefined });
    invoke.mockImplementation(async (channel) =>
      channel === 'daftar:device-public-key'
        ? { ok: true, value: publicKey }
        : { ok: true, value: signature },
    );
    return { bridge, invoke };
  }

  it('signs through main with the key main holds', async () => {
    const publicKey = new Uint8Array(32).fill(1);
    const { bridge, invoke } = keyBridge(publicKey);
    const signer = await createElectronPlatform(bridge).deviceSigner();
    expect(signer?.publicKey).toEqual(publicKey);
    const data = new Uint8Array([1, 2]);
    await expect(signer!.sign(data)).resolves.toEqual(new Uint8Array(64).fill(9));
    expect(invoke.mock.calls).toEqual([
      ['daftar:device-public-key', undefined],
      ['daftar:device-sign', data],
    ]);
  });

  it('is null when main keeps no key', async () => {
    const { bridge } = keyBridge(null);
    await expect(createElectronPlatform(bridge).deviceSigner()).resolves.toBeNull();
  });

  it('refuses malformed answers, and passes main’s refusals on', async () => {
    await expect(
      createElectronPlatform(keyBridge(new Uint8Array(31)).bridge).deviceSigner(),
    ).rejects.toThrow(/malformed device key/);
    const signer = await createElectronPlatform(
      keyBridge(new Uint8Array(32), new Uint8Array(10)).bridge,
    ).deviceSigner();
    await expect(signer!.sign(new Uint8Array())).rejects.toThrow(/malformed signature/);
    const { bridge } = fakeBridge({ ok: false, error: 'The keychain is locked.' });
    await expect(createElectronPlatform(bridge).deviceSigner()).rejects.toThrow(
      'The keychain is locked.',
    );
  });
});

describe('keychain and wipe', () => {
  const entry = {
    database: 'daftar-0b6f2f2e-5b8c-4d53-9a3e-6a1d2c0e9f10',
    rowKey: new Uint8Array(32).fill(3),
  };

  it('sends each keychain call and the wipe on its channel', async () => {
    const { bridge, invoke } = fakeBridge({ ok: true, value: undefined });
    const platform = createElectronPlatform(bridge);
    expect(platform.keychain).not.toBeNull();
    invoke.mockResolvedValueOnce({ ok: true, value: true });
    await expect(platform.keychain!.available()).resolves.toBe(true);
    // A key that is a view into a larger buffer goes as exactly its 32 bytes, with no extra field.
    const inBigBuffer = new Uint8Array(64).fill(3).subarray(16, 48);
    const withExtra = { ...entry, rowKey: inBigBuffer, note: 'x' };
    await expect(platform.keychain!.save(withExtra)).resolves.toBeUndefined();
    invoke.mockResolvedValueOnce({ ok: true, value: entry });
    await expect(platform.keychain!.load()).resolves.toEqual(entry);
    await expect(platform.keychain!.forget()).resolves.toBeUndefined();
    await expect(platform.wipeHost()).resolves.toBeUndefined();
    expect(invoke.mock.calls.map(([channel]) => channel)).toEqual([
      'daftar:keychain-available',
      'daftar:keychain-save',
      'daftar:keychain-load',
      'daftar:keychain-forget',
      'daftar:wipe-host',
    ]);
    const sent = invoke.mock.calls[1]![1] as typeof entry;
    expect(Object.keys(sent).sort()).toEqual(['database', 'rowKey']);
    expect(sent.rowKey.buffer.byteLength).toBe(32);
    expect(sent.rowKey).toEqual(entry.rowKey);
  });

  it('loads null when main keeps no entry, and refuses a malformed key', async () => {
    const { bridge, invoke } = fakeBridge({ ok: true, value: null });
    const platform = createElectronPlatform(bridge);
    await expect(platform.keychain!.load()).resolves.toBeNull();
    invoke.mockResolvedValueOnce({ ok: true, value: { ...entry, rowKey: new Uint8Array(31) } });
    await expect(platform.keychain!.load()).rejects.toThrow(/malformed key/);
  });

  it('throws main’s message when the wipe left something behind', async () => {
    const error =
      'Daftar could not delete everything it keeps on this computer: settings.json (EACCES).';
    const { bridge } = fakeBridge({ ok: false, error });
    await expect(createElectronPlatform(bridge).wipeHost()).rejects.toThrow(error);
  });
});

describe('onOpenBundle', () => {
  it('subscribes to opened files through the bridge', () => {
    const { bridge, onOpenBundle, unsubscribe } = fakeBridge({ ok: true, value: undefined });
    const listener = vi.fn();
    const stop = createElectronPlatform(bridge).onOpenBundle(listener);
    expect(onOpenBundle).toHaveBeenCalledExactlyOnceWith(listener);
    stop();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });
});

describe('basemapFiles', () => {
  const id = '0b6f2f2e-5b8c-4d53-9a3e-6a1d2c0e9f10';

  it('sends each call on its channel and unwraps the answers', async () => {
    const { bridge, invoke } = fakeBridge({ ok: true, value: undefined });
    const answers: Record<string, unknown> = {
      'daftar:basemap-list': [],
      'daftar:basemap-create': id,
      'daftar:basemap-seal': 3,
      'daftar:basemap-read': new Uint8Array([1, 2]),
    };
    invoke.mockImplementation(async (channel) => ({ ok: true, value: answers[channel] }));
    const files = createElectronPlatform(bridge).basemapFiles;
    const data = new Uint8Array([1, 2, 3]);
    const entry = basemapEntry({ id, addedAt: '2024-05-01T10:00:00Z' });
    await expect(files.list()).resolves.toEqual([]);
    await expect(files.create()).resolves.toBe(id);
    await expect(files.write(id, 0, data)).resolves.toBeUndefined();
    await expect(files.seal(id)).resolves.toBe(3);
    await expect(files.read(id, 1, 2)).resolves.toEqual(new Uint8Array([1, 2]));
    await expect(files.keep(entry)).resolves.toBeUndefined();
    await expect(files.remove(id)).resolves.toBeUndefined();
    expect(invoke.mock.calls).toEqual([
      ['daftar:basemap-list', undefined],
      ['daftar:basemap-create', undefined],
      ['daftar:basemap-write', { id, offset: 0, data }],
      ['daftar:basemap-seal', id],
      ['daftar:basemap-read', { id, offset: 1, length: 2 }],
      ['daftar:basemap-keep', entry],
      ['daftar:basemap-remove', id],
    ]);
  });

  it('sends only the bytes of a piece, not the whole buffer it is a view of', async () => {
    const { bridge, invoke } = fakeBridge({ ok: true, value: undefined });
    const whole = new Uint8Array([0, 1, 2, 3, 4, 5]);
    await createElectronPlatform(bridge).basemapFiles.write(id, 8, whole.subarray(2, 4));
    const sent = invoke.mock.calls[0]?.[1] as { data: Uint8Array };
    expect(sent.data).toEqual(new Uint8Array([2, 3]));
    expect(sent.data.buffer.byteLength).toBe(2);
    await createElectronPlatform(bridge).basemapFiles.write(id, 0, whole);
    expect((invoke.mock.calls[1]?.[1] as { data: Uint8Array }).data).toBe(whole);
  });

  it('throws main’s message when the store refuses', async () => {
    const { bridge } = fakeBridge({
      ok: false,
      error: 'No basemap file is being written under that id.',
    });
    await expect(
      createElectronPlatform(bridge).basemapFiles.write(id, 0, new Uint8Array(1)),
    ).rejects.toThrow('No basemap file is being written under that id.');
  });
});

describe('syncFolder', () => {
  it('sends each call on its channel and unwraps the answers', async () => {
    const { bridge, invoke } = fakeBridge({ ok: true, value: undefined });
    const entries = [{ name: 'a.daftar', size: 3, modified: 1_700_000_000_000 }];
    const answers: Record<string, unknown> = {
      'daftar:folder-choose': 'Team Bundles',
      'daftar:folder-current': 'Team Bundles',
      'daftar:folder-list': entries,
      'daftar:folder-read': new Uint8Array([1, 2]),
    };
    invoke.mockImplementation(async (channel) => ({ ok: true, value: answers[channel] }));
    const folder = createElectronPlatform(bridge).syncFolder;
    const data = new Uint8Array([1, 2, 3]);
    expect(folder.watches).toBe(true);
    await expect(folder.choose()).resolves.toBe('Team Bundles');
    await expect(folder.current()).resolves.toBe('Team Bundles');
    await expect(folder.list()).resolves.toEqual(entries);
    await expect(folder.read('a.daftar', 1, 2)).resolves.toEqual(new Uint8Array([1, 2]));
    await expect(folder.write('b.daftar', 0, data)).resolves.toBeUndefined();
    await expect(folder.commit('b.daftar')).resolves.toBeUndefined();
    await expect(folder.forget()).resolves.toBeUndefined();
    expect(invoke.mock.calls).toEqual([
      ['daftar:folder-choose', undefined],
      ['daftar:folder-current', undefined],
      ['daftar:folder-list', undefined],
      ['daftar:folder-read', { name: 'a.daftar', offset: 1, length: 2 }],
      ['daftar:folder-write', { name: 'b.daftar', offset: 0, data }],
      ['daftar:folder-commit', 'b.daftar'],
      ['daftar:folder-forget', undefined],
    ]);
  });

  it('sends only the bytes of a piece, not the whole buffer it is a view of', async () => {
    const { bridge, invoke } = fakeBridge({ ok: true, value: undefined });
    const whole = new Uint8Array([0, 1, 2, 3, 4, 5]);
    await createElectronPlatform(bridge).syncFolder.write('a.daftar', 8, whole.subarray(2, 4));
    const sent = invoke.mock.calls[0]?.[1] as { data: Uint8Array };
    expect(sent.data).toEqual(new Uint8Array([2, 3]));
    expect(sent.data.buffer.byteLength).toBe(2);
  });

  it('throws main’s message for the user', async () => {
    const message =
      'The sync folder “Team” cannot be found. Was it moved, or is the USB stick out?';
    const { bridge } = fakeBridge({ ok: false, error: message });
    await expect(createElectronPlatform(bridge).syncFolder.list()).rejects.toThrow(message);
  });

  it('hears of changes through the bridge', () => {
    const { bridge, onSyncFolderChange, unsubscribe } = fakeBridge({ ok: true, value: undefined });
    const listener = vi.fn();
    const stop = createElectronPlatform(bridge).syncFolder.onChange(listener);
    expect(onSyncFolderChange).toHaveBeenCalledExactlyOnceWith(listener);
    stop();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });
});

describe('getBridge', () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'daftar');
  });

  it('is undefined in a plain browser', () => {
    expect(getBridge()).toBeUndefined();
  });

  it('returns the preload bridge when present', () => {
    const { bridge } = fakeBridge({ ok: true, value: undefined });
    Reflect.set(globalThis, 'daftar', bridge);
    expect(getBridge()).toBe(bridge);
  });

  it('ignores something else called daftar', () => {
    Reflect.set(globalThis, 'daftar', { invoke: 'nope' });
    expect(getBridge()).toBeUndefined();
    Reflect.set(globalThis, 'daftar', { invoke: () => 1, onMenu: () => 1 });
    expect(getBridge()).toBeUndefined();
    // An older preload without folder events is not the bridge this renderer needs.
    Reflect.set(globalThis, 'daftar', { invoke: () => 1, onMenu: () => 1, onOpenBundle: () => 1 });
    expect(getBridge()).toBeUndefined();
  });
});
