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
  // The fake answers every channel alike; the cast stands in for main's per-channel typing.
  const bridge = { invoke, onMenu } as unknown as DaftarBridge;
  return { bridge, invoke, onMenu, unsubscribe };
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
    await expect(platform.openExternal('https://example.org/')).resolves.toBeUndefined();
    await expect(platform.setLanguage('fa-AF')).resolves.toBeUndefined();
    expect(invoke.mock.calls).toEqual([
      ['daftar:save-file', request],
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
  });
});
