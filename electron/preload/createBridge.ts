/**
 * The whole renderer-facing surface of the preload, as a factory over `ipcRenderer`-like and
 * `contextBridge`-like objects so it can be tested without Electron. It exposes exactly four
 * functions: `invoke` over the allow-listed channels (anything else is refused before it reaches
 * IPC), `onMenu`, which passes on only valid menu commands, `onOpenBundle`, which passes on
 * whole opened `.daftar` files, and `onSyncFolderChange`, which passes on nothing but the fact —
 * never the IPC event itself. Files that arrive before the page
 * subscribes (main sends them as soon as the page has loaded, which can be before React's effects
 * run) are kept and handed to the first subscriber.
 */
import {
  IPC_MENU_EVENT,
  IPC_OPEN_BUNDLE_EVENT,
  IPC_SYNC_FOLDER_EVENT,
  isInvokeChannel,
  isMenuCommand,
  type DaftarBridge,
  type IpcInvokeArgs,
  type IpcInvokeChannel,
  type IpcInvokeValues,
  type IpcResult,
  type MenuCommand,
  type OpenedBundleFile,
} from '../../shared/ipc/channels.ts';
import { createBundleAssembler } from './bundleAssembler.ts';

/** The parts of Electron's `ipcRenderer` the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The parts of Electron's `contextBridge` the preload uses. */
export interface ContextBridgeLike {
  exposeInMainWorld(key: string, api: DaftarBridge): void;
}

/** Name of the bridge on `window`. */
export const BRIDGE_KEY = 'daftar';

function messageOf(error: unknown): string {
  return error instanceof Error && error.message !== '' ? error.message : 'IPC failed';
}

export function createBridge(ipcRenderer: IpcRendererLike): DaftarBridge {
  const invoke = async <C extends IpcInvokeChannel>(
    channel: C,
    arg: IpcInvokeArgs[C],
  ): Promise<IpcResult<IpcInvokeValues[C]>> => {
    // The page can pass anything, whatever the types say: check before anything reaches IPC.
    if (!isInvokeChannel(channel)) {
      return { ok: false, error: `Channel ${String(channel)} is not allowed.` };
    }
    try {
      // The trust boundary: main answers every allowed channel with an IpcResult of this
      // channel's value type (electron/main/ipcGuard.ts), so the shape is asserted, not checked.
      return (await ipcRenderer.invoke(channel, arg)) as IpcResult<IpcInvokeValues[C]>;
    } catch (error) {
      return { ok: false, error: messageOf(error) };
    }
  };

  const onMenu = (listener: (command: MenuCommand) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onMenu needs a function.');
    const relay = (_event: unknown, command?: unknown): void => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(IPC_MENU_EVENT, relay);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipcRenderer.removeListener(IPC_MENU_EVENT, relay);
    };
  };

  const bundleListeners = new Set<(file: OpenedBundleFile) => void>();
  const waitingFiles: OpenedBundleFile[] = [];
  const assemble = createBundleAssembler((file) => {
    if (bundleListeners.size === 0) waitingFiles.push(file);
    for (const listener of bundleListeners) listener(file);
  });
  ipcRenderer.on(IPC_OPEN_BUNDLE_EVENT, (_event, message?: unknown) => assemble(message));

  const onOpenBundle = (listener: (file: OpenedBundleFile) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onOpenBundle needs a function.');
    bundleListeners.add(listener);
    if (waitingFiles.length > 0) {
      const files = waitingFiles.splice(0);
      // After the caller has its unsubscribe function; kept again if it unsubscribed meanwhile.
      queueMicrotask(() => {
        for (const file of files) {
          if (bundleListeners.has(listener)) listener(file);
          else waitingFiles.push(file);
        }
      });
    }
    return () => {
      bundleListeners.delete(listener);
    };
  };

  const onSyncFolderChange = (listener: () => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onSyncFolderChange needs a function.');
    const relay = (): void => listener();
    ipcRenderer.on(IPC_SYNC_FOLDER_EVENT, relay);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipcRenderer.removeListener(IPC_SYNC_FOLDER_EVENT, relay);
    };
  };

  return { invoke, onMenu, onOpenBundle, onSyncFolderChange } satisfies DaftarBridge;
}

export function exposeBridge(contextBridge: ContextBridgeLike, ipcRenderer: IpcRendererLike): void {
  contextBridge.exposeInMainWorld(BRIDGE_KEY, createBridge(ipcRenderer));
}
