/**
 * The zod-free half of the IPC contract: channel names, menu commands, languages and the shapes
 * that cross the process boundary. The preload bundles only this file, so it stays tiny and
 * dependency-free; `contract.ts` adds the schemas main validates every payload against.
 */

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

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Channels the renderer may invoke (through the preload), in one list the preload can check. */
export const IPC_INVOKE_CHANNELS = [
  'daftar:info',
  'daftar:open-external',
  'daftar:save-file',
  'daftar:set-language',
] as const;
export type IpcInvokeChannel = (typeof IPC_INVOKE_CHANNELS)[number];

export function isInvokeChannel(value: unknown): value is IpcInvokeChannel {
  return typeof value === 'string' && (IPC_INVOKE_CHANNELS as readonly string[]).includes(value);
}

/** The single argument each channel takes. */
export interface IpcInvokeArgs {
  'daftar:info': undefined;
  'daftar:open-external': string;
  'daftar:save-file': SaveFileRequest;
  'daftar:set-language': UiLanguage;
}

/** What each channel answers with when it succeeds. */
export interface IpcInvokeValues {
  'daftar:info': PlatformInfo;
  'daftar:open-external': undefined;
  'daftar:save-file': SaveFileOutcome;
  'daftar:set-language': undefined;
}

/** Channel main uses to send menu commands to the renderer. */
export const IPC_MENU_EVENT = 'daftar:menu';

/**
 * What the preload exposes as `window.daftar`, and nothing more: a typed invoke over the
 * allow-listed channels, and a menu-command subscription that returns its unsubscribe function.
 */
export interface DaftarBridge {
  invoke<C extends IpcInvokeChannel>(
    channel: C,
    arg: IpcInvokeArgs[C],
  ): Promise<IpcResult<IpcInvokeValues[C]>>;
  onMenu(listener: (command: MenuCommand) => void): () => void;
}
