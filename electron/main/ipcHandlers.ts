/**
 * What each IPC channel does once the guard has let a request through. The Electron calls behind
 * them (shell, dialog, menu, the device key, the basemap folder, the sync folder, the keychain,
 * the wipe) are injected, so every handler can run in a plain Node test.
 */
import {
  isAllowedExternalUrl,
  type KeychainUnlock,
  type HubRequest,
  type HubResponse,
  type PlatformInfo,
  type PrintPdfRequest,
  type SaveFileOutcome,
  type SaveFileRequest,
  type UiLanguage,
} from '../../shared/ipc/contract.ts';
import type { BasemapFiles } from '../../shared/maps/basemapFiles.ts';
import type { DeviceKeyService } from './deviceKey.ts';
import type { IpcHandlers } from './ipcGuard.ts';
import type { SyncFolderStore } from './syncFolderStore.ts';

export interface IpcHandlerDeps {
  appVersion: string;
  /** `process.platform`. */
  os: string;
  openExternal(url: string): Promise<void>;
  /** Save dialog + atomic write, parented to the window of `senderId`. */
  saveFile(request: SaveFileRequest, senderId: number): Promise<SaveFileOutcome>;
  /** Print the page of `senderId` to PDF, then the save dialog + atomic write (printPdf.ts). */
  printPdf(request: PrintPdfRequest, senderId: number): Promise<SaveFileOutcome>;
  /** Rebuild the native menu in `language` and remember it for the next start. */
  setLanguage(language: UiLanguage): Promise<void>;
  /** This device's key, held by main (see deviceKey.ts). */
  deviceKey: DeviceKeyService;
  /** The basemap library's files in userData (see basemapStore.ts). */
  basemaps: BasemapFiles;
  /** One request to the team hub (hubRequest.ts), for the window of `senderId`. */
  hubRequest(request: HubRequest, senderId: number): Promise<HubResponse>;
  /** The sync folder the user chose (syncFolderStore.ts). */
  syncFolder: SyncFolderStore;
  /** The row key kept by the OS keychain (keychainUnlock.ts). */
  keychain: KeychainUnlock;
  /** Deletes main's files and Chromium's storage (hostWipe.ts); throws naming what is left. */
  wipeHost(): Promise<void>;
}

export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers {
  const { basemaps, syncFolder } = deps;
  return {
    'daftar:basemap-create': () => basemaps.create(),
    'daftar:basemap-keep': async (entry) => {
      await basemaps.keep(entry);
      return undefined;
    },
    'daftar:basemap-list': () => basemaps.list(),
    'daftar:basemap-read': ({ id, offset, length }) => basemaps.read(id, offset, length),
    'daftar:basemap-remove': async (id) => {
      await basemaps.remove(id);
      return undefined;
    },
    'daftar:basemap-seal': (id) => basemaps.seal(id),
    'daftar:basemap-write': async ({ id, offset, data }) => {
      await basemaps.write(id, offset, data);
      return undefined;
    },
    'daftar:device-public-key': () => deps.deviceKey.publicKey(),
    'daftar:device-sign': (data) => deps.deviceKey.sign(data),
    'daftar:folder-choose': (_arg, context) => syncFolder.choose(context.senderId),
    'daftar:folder-commit': async (name) => {
      await syncFolder.commit(name);
      return undefined;
    },
    'daftar:folder-current': () => syncFolder.current(),
    'daftar:folder-forget': async () => {
      await syncFolder.forget();
      return undefined;
    },
    'daftar:folder-list': () => syncFolder.list(),
    'daftar:folder-read': ({ name, offset, length }) => syncFolder.read(name, offset, length),
    'daftar:folder-write': async ({ name, offset, data }) => {
      await syncFolder.write(name, offset, data);
      return undefined;
    },
    'daftar:hub-request': (request, context) => deps.hubRequest(request, context.senderId),
    'daftar:info': async (): Promise<PlatformInfo> => ({
      host: 'electron',
      appVersion: deps.appVersion,
      os: deps.os,
    }),
    'daftar:keychain-available': () => deps.keychain.available(),
    'daftar:keychain-forget': async () => {
      await deps.keychain.forget();
      return undefined;
    },
    'daftar:keychain-load': () => deps.keychain.load(),
    'daftar:keychain-save': async (entry) => {
      await deps.keychain.save(entry);
      return undefined;
    },
    'daftar:open-external': async (url) => {
      if (!isAllowedExternalUrl(url)) {
        throw new Error('Only https links can be opened outside Daftar.');
      }
      await deps.openExternal(url);
      return undefined;
    },
    'daftar:print-pdf': (request, context) => deps.printPdf(request, context.senderId),
    'daftar:save-file': (request, context) => deps.saveFile(request, context.senderId),
    'daftar:set-language': async (language) => {
      await deps.setLanguage(language);
      return undefined;
    },
    'daftar:wipe-host': async () => {
      await deps.wipeHost();
      return undefined;
    },
  };
}
