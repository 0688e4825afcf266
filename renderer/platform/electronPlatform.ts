/**
 * `Platform` inside the Electron shell: each call goes through the preload bridge to main and
 * comes back as an `IpcResult`, which is unwrapped here — a refusal or failure in main becomes a
 * thrown `Error` carrying main's message, as callers of `Platform` expect. The device signer is
 * main's: the renderer holds its public key and asks main for each signature. Basemap files live
 * in main's app data folder, reached piece by piece (basemapStore.ts there).
 */
import {
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SIGNATURE_BYTES,
  type DeviceSigner,
} from '../../shared/bundle/crypto.ts';
import type { BasemapFiles } from '../../shared/maps/basemapFiles.ts';
import type {
  IpcInvokeArgs,
  IpcInvokeChannel,
  IpcInvokeValues,
  IpcResult,
  Platform,
} from '../../shared/ipc/contract.ts';
import type { DaftarBridge } from './bridge.ts';

export function unwrapIpcResult<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new Error(result.error);
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
      // IPC copies a view's whole underlying buffer: send exactly the piece.
      const piece =
        data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
      await call('daftar:basemap-write', { id, offset, data: piece });
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
  };
}
