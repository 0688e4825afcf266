/**
 * Settings the host itself needs before the renderer runs — today only the UI language, so the
 * native menu starts in the language the user chose last time. Stored as `settings.json` in
 * userData; keys this version does not know are kept on write (a newer version's data survives).
 */
import { z } from 'zod';
import { UI_LANGUAGES, type UiLanguage } from '../../shared/ipc/contract.ts';
import { readJsonFile, writeJsonFile } from './jsonFile.ts';

export const SETTINGS_FILE_NAME = 'settings.json';

const settingsSchema = z.looseObject({
  language: z.enum(UI_LANGUAGES).optional().catch(undefined),
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
