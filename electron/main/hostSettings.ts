/**
 * Settings the host itself keeps, out of the renderer's reach: the UI language (so the native
 * menu starts in the language the user chose last time), the sync folder's path and the hub
 * origins the user allowed. Stored as `settings.json` in userData; keys this version does not
 * know are kept on write (a newer version's data survives), and a value that does not parse
 * reads as unset.
 */
import { z } from 'zod';
import { UI_LANGUAGES, type UiLanguage } from '../../shared/ipc/contract.ts';
import { readJsonFile, writeJsonFile } from './jsonFile.ts';

export const SETTINGS_FILE_NAME = 'settings.json';

const settingsSchema = z.looseObject({
  language: z.enum(UI_LANGUAGES).optional().catch(undefined),
  /** Absolute path of the sync folder the user chose (syncFolderStore.ts). */
  syncFolder: z.string().min(1).max(4096).optional().catch(undefined),
  /** Hub origins the user allowed main to connect to (hubOrigins.ts), oldest first. */
  hubOrigins: z.array(z.string().max(2048)).max(100).optional().catch(undefined),
});
export type HostSettings = z.infer<typeof settingsSchema>;

export async function loadHostSettings(file: string): Promise<HostSettings> {
  return (await readJsonFile(file, settingsSchema)) ?? {};
}

/** Merge `patch` into the stored settings and write them atomically. */
export async function updateHostSettings(
  file: string,
  patch: Partial<HostSettings>,
): Promise<HostSettings> {
  const next = { ...(await loadHostSettings(file)), ...patch };
  await writeJsonFile(file, next);
  return next;
}

/** Loads and updates one settings file, one update at a time (each reads what the last wrote). */
export interface HostSettingsStore {
  load(): Promise<HostSettings>;
  update(patch: Partial<HostSettings>): Promise<HostSettings>;
  /** Resolves once the updates asked for so far have landed or failed (before a wipe deletes the file). */
  idle(): Promise<void>;
}

export function createHostSettingsStore(file: string): HostSettingsStore {
  let last: Promise<unknown> = Promise.resolve();
  return {
    load: () => loadHostSettings(file),
    update(patch) {
      const next = last.then(() => updateHostSettings(file, patch));
      last = next.catch(() => undefined);
      return next;
    },
    idle: async () => {
      // Updates queued while waiting are waited for too.
      let seen: Promise<unknown>;
      do {
        seen = last;
        await seen;
      } while (seen !== last);
    },
  };
}

/**
 * The menu language on start: the saved choice, else the first system language we support
 * (any Persian — Dari `prs`, `fa-AF`, `fa-IR` — reads as Dari), else English.
 */
export function pickLanguage(
  saved: UiLanguage | undefined,
  systemLanguages: readonly string[],
): UiLanguage {
  if (saved !== undefined) return saved;
  for (const tag of systemLanguages) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (primary === 'fa' || primary === 'prs') return 'fa-AF';
    if (primary === 'en') return 'en';
  }
  return 'en';
}
