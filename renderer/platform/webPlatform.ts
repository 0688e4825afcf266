/**
 * Platform for the web build: the same contract as Electron's, with browser means — a download
 * for saving, the browser's print dialog for PDFs, `window.open` (no opener) for external links,
 * no native menu, no files opened from the system, no host key (the data layer signs with its
 * own key in IndexedDB), basemap files in the Origin Private File System, and the team hub
 * reached with `fetch` (the web build's CSP lets the page connect to https and loopback hubs), a
 * sync folder picked with the File System Access API. No OS keychain for unlocking, and no host
 * files to wipe: the page's own storage is all there is.
 */
import { isAllowedExternalUrl, type Platform } from '../../shared/ipc/contract.ts';
import { createOpfsBasemapFiles } from '../map/opfsBasemapFiles.ts';
import { fetchHubRequest } from './fetchHubRequest.ts';
import { createWebSyncFolder } from './webSyncFolder.ts';

export function createWebPlatform(appVersion: string): Platform {
  return {
    info: async () => ({ host: 'web', appVersion, os: navigator.platform || 'unknown' }),
    openExternal: async (url) => {
      if (!isAllowedExternalUrl(url)) throw new Error(`Refused to open ${url}`);
      window.open(url, '_blank', 'noopener,noreferrer');
    },
    saveFile: async ({ suggestedName, mediaType, data }) => {
      const blob = new Blob([data as Uint8Array<ArrayBuffer>], { type: mediaType });
      const url = URL.createObjectURL(blob);
      const anchor = Object.assign(document.createElement('a'), {
        href: url,
        download: suggestedName,
      });
      anchor.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return 'saved';
    },
    // The browser's print dialog saves PDFs itself ("Save as PDF" as the printer).
    printToPdf: null,
    setLanguage: async () => {},
    onMenuCommand: () => () => {},
    deviceSigner: async () => null,
    hubRequest: (request, signal) =>
      fetchHubRequest(request, fetch, signal instanceof AbortSignal ? signal : undefined),
    onOpenBundle: () => () => {},
    basemapFiles: createOpfsBasemapFiles(),
    syncFolder: createWebSyncFolder(),
    // Nothing is kept outside the page's own storage, which the renderer clears itself.
    wipeHost: async () => {},
    // A browser has no OS keychain the page may use.
    keychain: null,
  };
}
