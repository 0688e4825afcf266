/**
 * The one contract between the renderer and its host. `Platform` is what the renderer may ask of
 * the machine; Electron implements it over IPC (preload → main), the web build with browser
 * means. Every IPC payload is declared here once with the schema main validates it against, and
 * every answer is `{ ok: true, value } | { ok: false, error }` — errors are values, never throws,
 * across the process boundary. Names and shapes live in the zod-free `channels.ts` (which the
 * preload bundles); this module re-exports them and adds the schemas.
 */
import { z } from 'zod';
import type { DeviceSigner } from '../bundle/crypto.ts';
import {
  MAX_BASEMAP_BYTES,
  MAX_BASEMAP_PIECE,
  basemapIdSchema,
  storedBasemapSchema,
  type BasemapFiles,
} from '../maps/basemapFiles.ts';
import {
  isSyncFileName,
  MAX_FOLDER_FILE_BYTES,
  MAX_FOLDER_PIECE,
  type SyncFolderHost,
} from '../folderSync/syncFolder.ts';
import type { AbortSignalLike } from '../teamSync/hubTransport.ts';
import { canonicalUrl, isHubUrl, isPlainWebUrl } from '../util/url.ts';
import {
  UI_LANGUAGES,
  type HubRequest,
  type HubResponse,
  type IpcInvokeArgs,
  type IpcInvokeChannel,
  type KeychainEntry,
  type MenuCommand,
  type OpenedBundleFile,
  type PlatformInfo,
  type PrintPdfRequest,
  type SaveFileOutcome,
  type SaveFileRequest,
  type UiLanguage,
} from './channels.ts';

export {
  IPC_INVOKE_CHANNELS,
  IPC_MENU_EVENT,
  IPC_OPEN_BUNDLE_EVENT,
  IPC_SYNC_FOLDER_EVENT,
  MAX_OPEN_BUNDLE_BYTES,
  MENU_COMMANDS,
  UI_LANGUAGES,
  isInvokeChannel,
  isIpcErrorCode,
  isMenuCommand,
  isUiLanguage,
} from './channels.ts';
export type {
  BasemapReadRequest,
  BasemapWriteRequest,
  DaftarBridge,
  FolderReadRequest,
  FolderWriteRequest,
  HubRequest,
  HubResponse,
  IpcInvokeArgs,
  IpcInvokeChannel,
  IpcInvokeValues,
  IpcErrorCode,
  IpcResult,
  KeychainEntry,
  MenuCommand,
  OpenBundleMessage,
  OpenedBundleFile,
  PlatformInfo,
  PrintPdfRequest,
  SaveFileOutcome,
  SaveFileRequest,
  UiLanguage,
} from './channels.ts';

export interface Platform {
  info(): Promise<PlatformInfo>;
  /** Open an https link in the system browser; refused for anything else. */
  openExternal(url: string): Promise<void>;
  /** Let the user choose where to save a file the app made. */
  saveFile(request: SaveFileRequest): Promise<SaveFileOutcome>;
  /**
   * Save the current page, as its print style sheet lays it out, as a PDF where the user chooses
   * (Electron); `null` where the host cannot (the web build: the browser's own print dialog,
   * which can also save a PDF, is the way there).
   */
  printToPdf: ((request: PrintPdfRequest) => Promise<SaveFileOutcome>) | null;
  /** Tell the host the UI language, so native menus and dialogs follow it. */
  setLanguage(language: UiLanguage): Promise<void>;
  /** Commands chosen from the native menu; returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * The host's signer for this device, whose private key the renderer never sees (Electron: the
   * main process, key protected by the OS keychain), or `null` when the host keeps no key (the
   * web build; Electron without a keychain): then the data layer uses its IndexedDB key.
   */
  deviceSigner(): Promise<DeviceSigner | null>;
  /**
   * One request to the team hub (Electron: made by main; web: `fetch`). Throws when the hub
   * cannot be reached (offline, refused, timed out); any HTTP answer, errors included, resolves.
   * `signal` aborts the request where the host can (web); Electron's main finishes it regardless
   * (an IPC call cannot be aborted) and callers stop waiting themselves (`untilAborted`).
   */
  hubRequest(request: HubRequest, signal?: AbortSignalLike): Promise<HubResponse>;
  /** `.daftar` files the user opened from the system (double-click, "Open with"). */
  onOpenBundle(listener: (file: OpenedBundleFile) => void): () => void;
  /**
   * Where the basemap library keeps its archives and their descriptions (web: the Origin Private
   * File System; Electron: the app data folder, through main). Failures throw an `Error` with a
   * message meant for the user.
   */
  basemapFiles: BasemapFiles;
  /** The folder teams without a hub sync through (see `SyncFolderHost`). */
  syncFolder: SyncFolderHost;
  /**
   * Quick wipe, the host's part: delete what the host keeps outside the page's own storage
   * (Electron: main's files in the app data folder — the device key, settings, basemaps, the
   * sync folder's path, the hubs allowed — and Chromium's caches). The web build keeps nothing
   * outside the page's storage, which the renderer clears itself.
   */
  wipeHost(): Promise<void>;
  /**
   * Unlocking with the OS keychain instead of the passphrase, where the host has a real one
   * (Electron with macOS Keychain, Windows DPAPI, or Linux Secret Service); `null` elsewhere.
   */
  keychain: KeychainUnlock | null;
}

export interface KeychainUnlock {
  /** Whether a real keychain is there now (not Linux's fixed-password `basic_text`). */
  available(): Promise<boolean>;
  save(entry: KeychainEntry): Promise<void>;
  /** The saved entry, or null when none is saved or the keychain refuses it. */
  load(): Promise<KeychainEntry | null>;
  forget(): Promise<void>;
}

/** Largest file the renderer may hand to the host in one save. */
export const MAX_SAVE_FILE_BYTES = 2 * 1024 ** 3;

/** Largest message the host signs with the device key: a manifest, never a whole bundle. */
export const MAX_DEVICE_SIGN_BYTES = 16 * 1024 ** 2;

/** Largest body sent to the hub in one request: an upload chunk (8 MiB) or a small JSON. */
export const MAX_HUB_REQUEST_BYTES = 8 * 1024 ** 2;

/**
 * Largest answer read from the hub in one request: bundles are read in ranges of at most 8 MiB
 * (one IPC message of hundreds of megabytes crashes Electron's serialiser).
 */
export const MAX_HUB_RESPONSE_BYTES = 8 * 1024 ** 2 + 64 * 1024;

/** Headers the renderer may send to the hub, and those it gets back. */
export const HUB_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'upload-offset',
  'range',
  'accept',
] as const;
export const HUB_RESPONSE_HEADERS = [
  'content-type',
  'content-range',
  'upload-offset',
  'retry-after',
] as const;

/** The protocol's headers of a hub's answer (`get` as `Headers.get`), the rest dropped. */
export function hubResponseHeaders(get: (name: string) => string | null): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of HUB_RESPONSE_HEADERS) {
    const value = get(name);
    if (value !== null) headers[name] = value;
  }
  return headers;
}

/**
 * Whether a URL is a hub's address followed by a protocol path (`/v1/…`), in canonical form: no
 * dot segments, backslashes or anything else the URL parser would rewrite into another path, and
 * no fragment.
 */
export function isHubRequestUrl(text: string): boolean {
  const url = canonicalUrl(text);
  return url !== null && isHubUrl(text) && url.pathname.startsWith('/v1/') && !text.includes('#');
}

const hubRequestSchema = z
  .object({
    url: z.string().max(2048).refine(isHubRequestUrl, {
      message: 'Not a hub address (https, or http to this machine) with a /v1/ path.',
    }),
    method: z.enum(['GET', 'POST', 'PATCH']),
    headers: z.partialRecord(z.enum(HUB_REQUEST_HEADERS), z.string().max(4096)),
    body: z
      .instanceof(Uint8Array)
      .refine((d) => d.byteLength <= MAX_HUB_REQUEST_BYTES, {
        message: 'Too many bytes for one hub request (limit 8 MiB).',
      })
      .optional(),
  })
  .strict() satisfies z.ZodType<HubRequest>;

/** A file name offered in a save dialog: no folders, nothing a file system refuses. */
const suggestedFileName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[/\\:*?"<>|]/.test(name) && ![...name].some((c) => c < ' '), {
    message: 'The file name contains characters that are not allowed in file names.',
  })
  .refine((name) => name !== '.' && name !== '..', { message: 'Not a file name.' });

/** A position in a basemap file: a whole number of bytes, at most 64 GiB. */
const basemapOffset = z.number().int().nonnegative().max(MAX_BASEMAP_BYTES);
const BASEMAP_END = { message: 'Basemap files end at 64 GiB.', path: ['offset'] };

/**
 * A file's name in the sync folder: never a path, and only Daftar's own files (`isSyncFileName`),
 * so a compromised page can neither read the user's other files there nor write `desktop.ini`,
 * `autorun.inf` or a `.exe` for the sync tool to carry to every teammate.
 */
const folderFileName = z.string().refine(isSyncFileName, {
  message:
    'Not a file name the sync folder holds (only daftar-folder.json and daftar-….daftarsync files).',
});
/** A position in a sync folder file: a whole number of bytes, at most 2 GiB. */
const folderOffset = z.number().int().nonnegative().max(MAX_FOLDER_FILE_BYTES);
const FOLDER_END = { message: 'Folder files end at 2 GiB.', path: ['offset'] };

/** A sealed database's name as the vault makes it (`daftar-<uuid>`): never a path. */
export const KEYCHAIN_DATABASE_PATTERN = /^daftar-[a-z0-9-]{8,64}$/;

/** Length of the row key the keychain keeps. */
export const KEYCHAIN_ROW_KEY_BYTES = 32;

/** What the keychain may keep: checked on the way in and again when read back from disk. */
export const keychainEntrySchema = z
  .object({
    database: z.string().regex(KEYCHAIN_DATABASE_PATTERN, {
      message: 'Not the name of a Daftar database.',
    }),
    rowKey: z.instanceof(Uint8Array).refine((k) => k.byteLength === KEYCHAIN_ROW_KEY_BYTES, {
      message: 'A row key is 32 bytes.',
    }),
  })
  .strict() satisfies z.ZodType<KeychainEntry>;

/** Channels the preload may invoke, with the schema of their single argument. */
export const IPC_INVOKE = {
  'daftar:basemap-create': z.undefined(),
  // Strict here (not in the stored file's schema, which keeps a newer version's extra fields):
  // a key the page had no reason to send is refused, not silently dropped.
  'daftar:basemap-keep': storedBasemapSchema.strict(),
  'daftar:basemap-list': z.undefined(),
  'daftar:basemap-read': z
    .object({
      id: basemapIdSchema,
      offset: basemapOffset,
      length: z.number().int().nonnegative().max(MAX_BASEMAP_PIECE),
    })
    .strict()
    .refine((r) => r.offset + r.length <= MAX_BASEMAP_BYTES, BASEMAP_END),
  'daftar:basemap-remove': basemapIdSchema,
  'daftar:basemap-seal': basemapIdSchema,
  'daftar:basemap-write': z
    .object({
      id: basemapIdSchema,
      offset: basemapOffset,
      data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= MAX_BASEMAP_PIECE, {
        message: 'Too many bytes in one piece (limit 16 MiB).',
      }),
    })
    .strict()
    .refine((r) => r.offset + r.data.byteLength <= MAX_BASEMAP_BYTES, BASEMAP_END),
  'daftar:device-public-key': z.undefined(),
  'daftar:device-sign': z
    .instanceof(Uint8Array)
    .refine((d) => d.byteLength <= MAX_DEVICE_SIGN_BYTES, {
      message: 'Too much data to sign (limit 16 MiB).',
    }),
  'daftar:folder-choose': z.undefined(),
  'daftar:folder-commit': folderFileName,
  'daftar:folder-current': z.undefined(),
  'daftar:folder-forget': z.undefined(),
  'daftar:folder-list': z.undefined(),
  'daftar:folder-read': z
    .object({
      name: folderFileName,
      offset: folderOffset,
      length: z.number().int().nonnegative().max(MAX_FOLDER_PIECE),
    })
    .strict()
    .refine((r) => r.offset + r.length <= MAX_FOLDER_FILE_BYTES, FOLDER_END),
  'daftar:folder-write': z
    .object({
      name: folderFileName,
      offset: folderOffset,
      data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= MAX_FOLDER_PIECE, {
        message: 'Too many bytes in one piece (limit 8 MiB).',
      }),
    })
    .strict()
    .refine((r) => r.offset + r.data.byteLength <= MAX_FOLDER_FILE_BYTES, FOLDER_END),
  'daftar:hub-request': hubRequestSchema,
  'daftar:info': z.undefined(),
  'daftar:keychain-available': z.undefined(),
  'daftar:keychain-forget': z.undefined(),
  'daftar:keychain-load': z.undefined(),
  'daftar:keychain-save': keychainEntrySchema,
  // Checked here as well as in the handler, so a link the host would refuse never reaches it.
  'daftar:open-external': z.string().max(2048).refine(isAllowedExternalUrl, {
    message: 'Only https links can be opened outside Daftar.',
  }),
  'daftar:print-pdf': z
    .object({
      suggestedName: suggestedFileName.refine((name) => /\.pdf$/i.test(name), {
        message: 'A PDF file name ends in .pdf.',
      }),
    })
    .strict(),
  'daftar:save-file': z
    .object({
      suggestedName: suggestedFileName,
      mediaType: z.string().max(200),
      data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= MAX_SAVE_FILE_BYTES, {
        message: 'The file is too large to save (limit 2 GiB).',
      }),
    })
    .strict(),
  'daftar:set-language': z.enum(UI_LANGUAGES),
  'daftar:wipe-host': z.undefined(),
} as const satisfies { [C in IpcInvokeChannel]: z.ZodType<IpcInvokeArgs[C]> };

/**
 * Whether a URL may be handed to the system browser, in both hosts: https only, without
 * credentials (user:pass@ is a classic way to disguise where a link leads). Plain http would show
 * a checkpoint's network which source a researcher reads; mailto would hand a record's text to
 * another program. Electron's main adds its own, stricter check (electron/main/externalLinks.ts:
 * public host names, no look-alike scripts).
 */
export function isAllowedExternalUrl(url: string): boolean {
  return /^https:\/\//i.test(url) && isPlainWebUrl(url);
}
