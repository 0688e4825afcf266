import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  IPC_MENU_EVENT,
  IPC_OPEN_BUNDLE_EVENT,
  IPC_SYNC_FOLDER_EVENT,
  type DaftarBridge,
  type OpenBundleMessage,
} from '../../shared/ipc/channels.ts';
import { createBridge, exposeBridge, type IpcRendererLike } from './createBridge.ts';

/** An ipcRenderer stand-in: `emit` plays main sending an event, `invoke` is a spy. */
function fakeIpcRenderer(answer: unknown = { ok: true, value: 'x' }) {
  const emitter = new EventEmitter();
  const invoke = vi.fn<IpcRendererLike['invoke']>(async () => answer);
  const ipc: IpcRendererLike & { emit(channel: string, ...args: unknown[]): void } = {
    invoke,
    on: (channel, listener) => emitter.on(channel, listener),
    removeListener: (channel, listener) => emitter.removeListener(channel, listener),
    emit: (channel, ...args) => emitter.emit(channel, ...args),
  };
  return { ipc, invoke, emitter };
}

/** Main sends (event, command); the event must never reach the page. */
const FAKE_EVENT = { sender: 'ipcRenderer', senderFrame: 'secret' };

describe('exposeBridge', () => {
  it('exposes exactly invoke, onMenu, onOpenBundle and onSyncFolderChange as window.daftar', () => {
    const exposed = new Map<string, DaftarBridge>();
    exposeBridge({ exposeInMainWorld: (key, api) => exposed.set(key, api) }, fakeIpcRenderer().ipc);
    expect([...exposed.keys()]).toEqual(['daftar']);
    expect(Object.keys(exposed.get('daftar')!).sort()).toEqual([
      'invoke',
      'onMenu',
      'onOpenBundle',
      'onSyncFolderChange',
    ]);
  });
});

describe('invoke', () => {
  it.each(['daftar:menu', 'daftar:secret', 'shell:openExternal', '__proto__', '', 42, null])(
    'refuses channel %j before anything reaches IPC',
    async (channel) => {
      const { ipc, invoke } = fakeIpcRenderer();
      const bridge = createBridge(ipc);
      const result = await Reflect.apply(bridge.invoke, bridge, [channel, 'x']);
      expect(result).toEqual({ ok: false, error: expect.stringContaining('not allowed') });
      expect(invoke).not.toHaveBeenCalled();
    },
  );

  it('forwards an allowed channel with its single argument and returns main’s answer', async () => {
    const { ipc, invoke } = fakeIpcRenderer({ ok: true, value: undefined });
    const result = await createBridge(ipc).invoke('daftar:set-language', 'fa-AF');
    expect(invoke).toHaveBeenCalledExactlyOnceWith('daftar:set-language', 'fa-AF');
    expect(result).toEqual({ ok: true, value: undefined });
  });

  it('turns an IPC failure into an error value', async () => {
    const { ipc, invoke } = fakeIpcRenderer();
    invoke.mockRejectedValueOnce(new Error("No handler registered for 'daftar:info'"));
    await expect(createBridge(ipc).invoke('daftar:info', undefined)).resolves.toEqual({
      ok: false,
      error: "No handler registered for 'daftar:info'",
    });
  });
});

describe('onMenu', () => {
  it('passes valid commands only, never the IPC event', () => {
    const { ipc } = fakeIpcRenderer();
    const listener = vi.fn();
    createBridge(ipc).onMenu(listener);
    ipc.emit(IPC_MENU_EVENT, FAKE_EVENT, 'newIncident');
    ipc.emit(IPC_MENU_EVENT, FAKE_EVENT, 'rm -rf /');
    ipc.emit(IPC_MENU_EVENT, FAKE_EVENT, { command: 'newIncident' });
    ipc.emit(IPC_MENU_EVENT, FAKE_EVENT, 42);
    ipc.emit(IPC_MENU_EVENT, FAKE_EVENT);
    ipc.emit('daftar:other', FAKE_EVENT, 'showSources');
    ipc.emit(IPC_MENU_EVENT, FAKE_EVENT, 'showSettings');
    expect(listener.mock.calls).toEqual([['newIncident'], ['showSettings']]);
  });

  it('returns an unsubscribe function that removes exactly its listener', () => {
    const { ipc, emitter } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    const first = vi.fn();
    const second = vi.fn();
    const unsubscribeFirst = bridge.onMenu(first);
    bridge.onMenu(second);
    expect(emitter.listenerCount(IPC_MENU_EVENT)).toBe(2);
    unsubscribeFirst();
    unsubscribeFirst();
    expect(emitter.listenerCount(IPC_MENU_EVENT)).toBe(1);
    ipc.emit(IPC_MENU_EVENT, FAKE_EVENT, 'undo');
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledExactlyOnceWith('undo');
  });

  it('refuses a listener that is not a function', () => {
    const bridge = createBridge(fakeIpcRenderer().ipc);
    expect(() => Reflect.apply(bridge.onMenu, bridge, ['newIncident'])).toThrow(TypeError);
  });
});

describe('onOpenBundle', () => {
  const sendFile = (
    ipc: ReturnType<typeof fakeIpcRenderer>['ipc'],
    transfer: number,
    name: string,
    data: Uint8Array,
  ) => {
    const messages: OpenBundleMessage[] = [
      { type: 'begin', transfer, name, size: data.length },
      { type: 'chunk', transfer, offset: 0, data },
      { type: 'end', transfer },
    ];
    for (const message of messages) ipc.emit(IPC_OPEN_BUNDLE_EVENT, FAKE_EVENT, message);
  };

  it('passes whole files to subscribers, never the IPC event', () => {
    const { ipc } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    const listener = vi.fn();
    const unsubscribe = bridge.onOpenBundle(listener);
    sendFile(ipc, 1, 'a.daftar', new Uint8Array([1, 2]));
    expect(listener).toHaveBeenCalledExactlyOnceWith({
      name: 'a.daftar',
      data: new Uint8Array([1, 2]),
    });
    unsubscribe();
    unsubscribe();
    sendFile(ipc, 2, 'b.daftar', new Uint8Array([3]));
    expect(listener).toHaveBeenCalledOnce();
  });

  it('keeps files that arrive before anyone subscribes for the first subscriber', async () => {
    const { ipc } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    sendFile(ipc, 1, 'early.daftar', new Uint8Array([1]));
    sendFile(ipc, 2, 'second.daftar', new Uint8Array([2]));
    const listener = vi.fn();
    bridge.onOpenBundle(listener);
    expect(listener).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(listener.mock.calls.map(([file]) => file.name)).toEqual([
      'early.daftar',
      'second.daftar',
    ]);
    const late = vi.fn();
    bridge.onOpenBundle(late);
    await Promise.resolve();
    expect(late).not.toHaveBeenCalled();
  });

  it('keeps waiting files if the subscriber leaves before they are handed over', async () => {
    const { ipc } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    sendFile(ipc, 1, 'early.daftar', new Uint8Array([1]));
    const leaving = vi.fn();
    bridge.onOpenBundle(leaving)();
    await Promise.resolve();
    const staying = vi.fn();
    bridge.onOpenBundle(staying);
    await Promise.resolve();
    expect(leaving).not.toHaveBeenCalled();
    expect(staying).toHaveBeenCalledOnce();
  });

  it('refuses a listener that is not a function', () => {
    const bridge = createBridge(fakeIpcRenderer().ipc);
    expect(() => Reflect.apply(bridge.onOpenBundle, bridge, [42])).toThrow(TypeError);
  });
});

describe('onSyncFolderChange', () => {
  it('calls the listener with nothing, never the IPC event or what main sent', () => {
    const { ipc } = fakeIpcRenderer();
    const listener = vi.fn();
    createBridge(ipc).onSyncFolderChange(listener);
    ipc.emit(IPC_SYNC_FOLDER_EVENT, FAKE_EVENT);
    ipc.emit(IPC_SYNC_FOLDER_EVENT, FAKE_EVENT, '/home/user/secret-path');
    ipc.emit(IPC_MENU_EVENT, FAKE_EVENT, 'undo');
    expect(listener.mock.calls).toEqual([[], []]);
  });

  it('returns an unsubscribe function that removes exactly its listener', () => {
    const { ipc, emitter } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    const first = vi.fn();
    const second = vi.fn();
    const unsubscribeFirst = bridge.onSyncFolderChange(first);
    bridge.onSyncFolderChange(second);
    unsubscribeFirst();
    unsubscribeFirst();
    expect(emitter.listenerCount(IPC_SYNC_FOLDER_EVENT)).toBe(1);
    ipc.emit(IPC_SYNC_FOLDER_EVENT, FAKE_EVENT);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledOnce();
  });

  it('refuses a listener that is not a function', () => {
    const bridge = createBridge(fakeIpcRenderer().ipc);
    expect(() => Reflect.apply(bridge.onSyncFolderChange, bridge, ['x'])).toThrow(TypeError);
  });
});
