/**
 * What each IPC channel does once the guard has let a request through. The Electron calls behind
 * them (shell, dialog, menu, the device key, the basemap folder) are injected, so every handler
 * can run in a plain Node test.
 */
import {
  isAllowedExternalUrl,
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
  /** One request to the team hub (hubRequest.ts). */
  hubRequest(request: HubRequest): Promise<HubResponse>;
}

export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers {
  const { basemaps } = deps;
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
    'daftar:hub-request': (request) => deps.hubRequest(request),
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
    'daftar:print-pdf': (request, context) => deps.printPdf(request, context.senderId),
    'daftar:save-file': (request, context) => deps.saveFile(request, context.senderId),
    'daftar:set-language': async (language) => {
      await deps.setLanguage(language);
      return undefined;
    },
  };
}
