/**
 * What each IPC channel does once the guard has let a request through. The Electron calls behind
 * them (shell, dialog, menu, the device key) are injected, so every handler can run in a plain
 * Node test.
 */
import {
  isAllowedExternalUrl,
  type PlatformInfo,
  type SaveFileOutcome,
  type SaveFileRequest,
  type UiLanguage,
} from '../../shared/ipc/contract.ts';
import type { DeviceKeyService } from './deviceKey.ts';
import type { IpcHandlers } from './ipcGuard.ts';

export interface IpcHandlerDeps {
  appVersion: string;
  /** `process.platform`. */
  os: string;
  openExternal(url: string): Promise<void>;
  /** Save dialog + atomic write, parented to the window of `senderId`. */
  saveFile(request: SaveFileRequest, senderId: number): Promise<SaveFileOutcome>;
  /** Rebuild the native menu in `language` and remember it for the next start. */
  setLanguage(language: UiLanguage): Promise<void>;
  /** This device's key, held by main (see deviceKey.ts). */
  deviceKey: DeviceKeyService;
}

export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers {
  return {
    'daftar:device-public-key': () => deps.deviceKey.publicKey(),
    'daftar:device-sign': (data) => deps.deviceKey.sign(data),
    'daftar:info': async (): Promise<PlatformInfo> => ({
      host: 'electron',
      appVersion: deps.appVersion,
      os: deps.os,
    }),
    'daftar:open-external': async (url) => {
      if (!isAllowedExternalUrl(url)) {
        throw new Error('Only http(s) and mailto links can be opened outside Daftar.');
      }
      await deps.openExternal(url);
      return undefined;
    },
    'daftar:save-file': (request, context) => deps.saveFile(request, context.senderId),
    'daftar:set-language': async (language) => {
      await deps.setLanguage(language);
      return undefined;
    },
  };
}
