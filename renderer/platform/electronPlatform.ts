/**
 * `Platform` inside the Electron shell: each call goes through the preload bridge to main and
 * comes back as an `IpcResult`, which is unwrapped here — a refusal or failure in main becomes a
 * thrown `Error` carrying main's message, as callers of `Platform` expect. The device signer is
 * main's: the renderer holds its public key and asks main for each signature. Basemap files live
 * in main's app data folder, reached piece by piece (basemapStore.ts there); so is the sync folder
 * (syncFolderStore.ts), which main watches and announces changes of through the bridge. Keychain
 * unlock and the host's part of a wipe are main's too (keychainUnlock.ts, hostWipe.ts).
 */
import {
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SIGNATURE_BYTES,
  type DeviceSigner,
} from '../../shared/bundle/crypto.ts';
import type { SyncFolderHost } from '../../shared/folderSync/syncFolder.ts';
import type { BasemapFiles } from '../../shared/maps/basemapFiles.ts';
import {
  KEYCHAIN_ROW_KEY_BYTES,
  type IpcInvokeArgs,
  type IpcInvokeChannel,
  type IpcInvokeValues,
  type IpcResult,
  type KeychainUnlock,
  type Platform,
} from '../../shared/ipc/contract.ts';
import type { DaftarBridge } from './bridge.ts';

export function unwrapIpcResult<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw Object.assign(new Error(result.error), result.code ? { code: result.code } : {});
}

/** IPC copies a view's whole underlying buffer: send exactly the piece. */
function exactPiece(data: Uint8Array): Uint8Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
}

export function createElectronPlatform(bridge: DaftarBridge): Platform {
  const call = async <C extends IpcInvokeChannel>(
    channel: C,
    arg: IpcInvokeArgs[C],
  ): Promise<IpcInvokeValues[C]> => unwrapIpcResult(await bridge.invoke(channel, arg));

  const deviceSigner = async (): Promise<DeviceSigner | null> => {
    const publicKey = await call('daftar:device-public-key', undefined);
    if (publicKey === null) return null;
    if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES) {
      throw new Error('The desktop host answered with a malformed device key.');
    }
    return {
      publicKey,
      sign: async (data) => {
        const signature = await call('daftar:device-sign', data);
        if (signature.length !== ED25519_SIGNATURE_BYTES) {
          throw new Error('The desktop host answered with a malformed signature.');
        }
        return signature;
      },
    };
  };

  const basemapFiles: BasemapFiles = {
    list: () => call('daftar:basemap-list', undefined),
    create: () => call('daftar:basemap-create', undefined),
    write: async (id, offset, data) => {
      await call('daftar:basemap-write', { id, offset, data: exactPiece(data) });
    },
    seal: (id) => call('daftar:basemap-seal', id),
    read: (id, offset, length) => call('daftar:basemap-read', { id, offset, length }),
    keep: async (entry) => {
      await call('daftar:basemap-keep', entry);
    },
    remove: async (id) => {
      await call('daftar:basemap-remove', id);
    },
  };

  const syncFolder: SyncFolderHost = {
    watches: true,
    choose: () => call('daftar:folder-choose', undefined),
    current: () => call('daftar:folder-current', undefined),
    forget: async () => {
      await call('daftar:folder-forget', undefined);
    },
    list: () => call('daftar:folder-list', undefined),
    read: (name, offset, length) => call('daftar:folder-read', { name, offset, length }),
    write: async (name, offset, data) => {
      await call('daftar:folder-write', { name, offset, data: exactPiece(data) });
    },
    commit: async (name) => {
      await call('daftar:folder-commit', name);
    },
    onChange: (listener) => bridge.onSyncFolderChange(listener),
  };

  const keychain: KeychainUnlock = {
    available: () => call('daftar:keychain-available', undefined),
    save: async ({ database, rowKey }) => {
      // Only the two fields: main's schema refuses anything more.
      await call('daftar:keychain-save', { database, rowKey: exactPiece(rowKey) });
    },
    load: async () => {
      const entry = await call('daftar:keychain-load', undefined);
      if (entry !== null && entry.rowKey.length !== KEYCHAIN_ROW_KEY_BYTES) {
        throw new Error('The desktop host answered with a malformed key.');
      }
      return entry;
    },
    forget: async () => {
      await call('daftar:keychain-forget', undefined);
    },
  };

  return {
    info: () => call('daftar:info', undefined),
    openExternal: async (url) => {
      await call('daftar:open-external', url);
    },
    saveFile: (request) => call('daftar:save-file', request),
    printToPdf: (request) => call('daftar:print-pdf', request),
    setLanguage: async (language) => {
      await call('daftar:set-language', language);
    },
    onMenuCommand: (listener) => bridge.onMenu(listener),
    deviceSigner,
    hubRequest: (request) => call('daftar:hub-request', request),
    onOpenBundle: (listener) => bridge.onOpenBundle(listener),
    basemapFiles,
    syncFolder,
    wipeHost: async () => {
      await call('daftar:wipe-host', undefined);
    },
    keychain,
  };
}
