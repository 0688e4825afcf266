/**
 * The zod-free half of the IPC contract: channel names, menu commands, languages and the shapes
 * that cross the process boundary. The preload bundles only this file, so it stays tiny and
 * dependency-free; `contract.ts` adds the schemas main validates every payload against.
 */
import type { FolderEntry } from '../folderSync/syncFolder.ts';
import type { StoredBasemap } from '../maps/basemapFiles.ts';

export const UI_LANGUAGES = ['en', 'fa-AF'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

export const MENU_COMMANDS = [
  'newIncident',
  'newSource',
  'showIncidents',
  'showSources',
  'undo',
  'loadSampleData',
  'showSettings',
  'importBundle',
  'showExchange',
  'showConflicts',
  'lock',
  'wipe',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

export interface PlatformInfo {
  host: 'electron' | 'web';
  appVersion: string;
  /** Operating system as Node names it, or the browser's guess. */
  os: string;
}

export interface SaveFileRequest {
  suggestedName: string;
  mediaType: string;
  data: Uint8Array;
}

export type SaveFileOutcome = 'saved' | 'cancelled';

/** Print the asking page to PDF (A4, its print CSS) and save it where the user chooses. */
export interface PrintPdfRequest {
  /** Offered in the save dialog; ends in `.pdf`. */
  suggestedName: string;
}

/** A piece of a basemap file being written (see `BasemapFiles.write`). */
export interface BasemapWriteRequest {
  id: string;
  offset: number;
  data: Uint8Array;
}

/** A piece of a sealed or kept basemap file to read (see `BasemapFiles.read`). */
export interface BasemapReadRequest {
  id: string;
  offset: number;
  length: number;
}

/**
 * One HTTP request to the team hub the user joined (docs/hub-protocol.md). In Electron main makes
 * it — the page itself connects nowhere — and the web build makes it with `fetch`.
 */
export interface HubRequest {
  /** The whole URL: the hub's address (https, or http to loopback) and a `/v1/` path. */
  url: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** Only `authorization`, `content-type`, `upload-offset`, `range` and `accept`. */
  headers: Record<string, string>;
  body?: Uint8Array;
}

/** The unlocked profile's row key, kept by the OS keychain on this computer (opt-in). */
export interface KeychainEntry {
  /** The sealed database the key opens (`daftar-<uuid>`). */
  database: string;
  /** 32 bytes. */
  rowKey: Uint8Array;
}

/** A piece of a file in the sync folder to read (see `SyncFolderHost.read`). */
export interface FolderReadRequest {
  name: string;
  offset: number;
  length: number;
}

/** A piece of a new file in the sync folder (see `SyncFolderHost.write`). */
export interface FolderWriteRequest {
  name: string;
  offset: number;
  data: Uint8Array;
}

export interface HubResponse {
  status: number;
  /** Only the headers the protocol uses, names in lower case. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * A failure carries main's message and, for the few failures the page acts on, a stable `code`
 * (`IPC_ERROR_CODES`).
 */
export type IpcResult<T> =
  { ok: true; value: T } | { ok: false; error: string; code?: IpcErrorCode };

/** Failures the page tells apart: the user declined to let Daftar connect to a hub's address. */
export const IPC_ERROR_CODES = ['hub_not_allowed'] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export function isIpcErrorCode(value: unknown): value is IpcErrorCode {
  return typeof value === 'string' && (IPC_ERROR_CODES as readonly string[]).includes(value);
}

/** Channels the renderer may invoke (through the preload), in one list the preload can check. */
export const IPC_INVOKE_CHANNELS = [
  'daftar:basemap-create',
  'daftar:basemap-keep',
  'daftar:basemap-list',
  'daftar:basemap-read',
  'daftar:basemap-remove',
  'daftar:basemap-seal',
  'daftar:basemap-write',
  'daftar:device-public-key',
  'daftar:device-sign',
  'daftar:folder-choose',
  'daftar:folder-commit',
  'daftar:folder-current',
  'daftar:folder-forget',
  'daftar:folder-list',
  'daftar:folder-read',
  'daftar:folder-write',
  'daftar:hub-request',
  'daftar:info',
  'daftar:keychain-available',
  'daftar:keychain-forget',
  'daftar:keychain-load',
  'daftar:keychain-save',
  'daftar:open-external',
  'daftar:print-pdf',
  'daftar:save-file',
  'daftar:set-language',
  'daftar:wipe-host',
] as const;
export type IpcInvokeChannel = (typeof IPC_INVOKE_CHANNELS)[number];

export function isInvokeChannel(value: unknown): value is IpcInvokeChannel {
  return typeof value === 'string' && (IPC_INVOKE_CHANNELS as readonly string[]).includes(value);
}

/** The single argument each channel takes. */
export interface IpcInvokeArgs {
  'daftar:basemap-create': undefined;
  'daftar:basemap-keep': StoredBasemap;
  'daftar:basemap-list': undefined;
  'daftar:basemap-read': BasemapReadRequest;
  /** A basemap id. */
  'daftar:basemap-remove': string;
  /** A basemap id. */
  'daftar:basemap-seal': string;
  'daftar:basemap-write': BasemapWriteRequest;
  'daftar:device-public-key': undefined;
  /** Bytes to sign with the device key (at most 16 MiB: a manifest, not a bundle). */
  'daftar:device-sign': Uint8Array;
  'daftar:folder-choose': undefined;
  /** The file's name in the sync folder (`isFolderFileName`). */
  'daftar:folder-commit': string;
  'daftar:folder-current': undefined;
  'daftar:folder-forget': undefined;
  'daftar:folder-list': undefined;
  'daftar:folder-read': FolderReadRequest;
  'daftar:folder-write': FolderWriteRequest;
  'daftar:hub-request': HubRequest;
  'daftar:info': undefined;
  'daftar:keychain-available': undefined;
  'daftar:keychain-forget': undefined;
  'daftar:keychain-load': undefined;
  'daftar:keychain-save': KeychainEntry;
  'daftar:open-external': string;
  'daftar:print-pdf': PrintPdfRequest;
  'daftar:save-file': SaveFileRequest;
  'daftar:set-language': UiLanguage;
  'daftar:wipe-host': undefined;
}

/** What each channel answers with when it succeeds. */
export interface IpcInvokeValues {
  /** The new file's id. */
  'daftar:basemap-create': string;
  'daftar:basemap-keep': undefined;
  /** Kept basemaps, oldest first. */
  'daftar:basemap-list': StoredBasemap[];
  /** The bytes read: fewer than asked past the file's end. */
  'daftar:basemap-read': Uint8Array;
  'daftar:basemap-remove': undefined;
  /** The sealed file's size. */
  'daftar:basemap-seal': number;
  'daftar:basemap-write': undefined;
  /**
   * The host's raw 32-byte Ed25519 public key, or `null` when the host keeps no key (no OS
   * keychain): the renderer then signs with its own key in IndexedDB.
   */
  'daftar:device-public-key': Uint8Array | null;
  /** A 64-byte Ed25519 signature. */
  'daftar:device-sign': Uint8Array;
  /** The chosen folder's display name, or null when the user cancelled. */
  'daftar:folder-choose': string | null;
  'daftar:folder-commit': undefined;
  /** The chosen folder's display name, or null when none is chosen. */
  'daftar:folder-current': string | null;
  'daftar:folder-forget': undefined;
  'daftar:folder-list': FolderEntry[];
  /** The bytes read: fewer than asked past the file's end. */
  'daftar:folder-read': Uint8Array;
  'daftar:folder-write': undefined;
  'daftar:hub-request': HubResponse;
  'daftar:info': PlatformInfo;
  /** Whether a real OS keychain is there now (never Linux's `basic_text`). */
  'daftar:keychain-available': boolean;
  'daftar:keychain-forget': undefined;
  /** The saved entry, or null when none is saved or the keychain refuses it. */
  'daftar:keychain-load': KeychainEntry | null;
  'daftar:keychain-save': undefined;
  'daftar:open-external': undefined;
  'daftar:print-pdf': SaveFileOutcome;
  'daftar:save-file': SaveFileOutcome;
  'daftar:set-language': undefined;
  'daftar:wipe-host': undefined;
}

/** Channel main uses to send menu commands to the renderer. */
export const IPC_MENU_EVENT = 'daftar:menu';

/** Channel main uses to hand the renderer a `.daftar` file the user opened from the system. */
export const IPC_OPEN_BUNDLE_EVENT = 'daftar:open-bundle';

/** Channel main uses to tell the renderer the sync folder's files changed (no payload). */
export const IPC_SYNC_FOLDER_EVENT = 'daftar:sync-folder-changed';

/** Largest `.daftar` file the host opens. */
export const MAX_OPEN_BUNDLE_BYTES = 2 * 1024 ** 3;

/** A `.daftar` file opened by double-click, "Open with" or a second launch. */
export interface OpenedBundleFile {
  /** The file's base name, e.g. `kabul-2024-03.daftar`. */
  name: string;
  data: Uint8Array;
}

/**
 * What main sends on `IPC_OPEN_BUNDLE_EVENT`. One IPC message of hundreds of megabytes crashes
 * Electron's serialiser, so a file travels as `begin`, `chunk`s in order, then `end` (or `abort`
 * when reading fails half-way); the preload reassembles it and hands the page one
 * `OpenedBundleFile`. Transfers never interleave: a new `begin` drops an unfinished one.
 */
export type OpenBundleMessage =
  | { type: 'begin'; transfer: number; name: string; size: number }
  | { type: 'chunk'; transfer: number; offset: number; data: Uint8Array }
  | { type: 'end'; transfer: number }
  | { type: 'abort'; transfer: number };

/**
 * What the preload exposes as `window.daftar`, and nothing more: a typed invoke over the
 * allow-listed channels, and subscriptions to menu commands, opened `.daftar` files and changes
 * in the sync folder, each returning its unsubscribe function.
 */
export interface DaftarBridge {
  invoke<C extends IpcInvokeChannel>(
    channel: C,
    arg: IpcInvokeArgs[C],
  ): Promise<IpcResult<IpcInvokeValues[C]>>;
  onMenu(listener: (command: MenuCommand) => void): () => void;
  /** Files opened before the first subscription are kept and handed to it. */
  onOpenBundle(listener: (file: OpenedBundleFile) => void): () => void;
  /** Main noticed a change in the sync folder (debounced); nothing else is passed on. */
  onSyncFolderChange(listener: () => void): () => void;
}
