/**
 * A profile as Daftar kept it before the app lock, written into the page's origin by the app's
 * own data layer (unsealed), so the app's next start finds it and offers to protect it. The
 * writer is bundled with esbuild and evaluated in the page (evaluation is not subject to the
 * page's CSP, as a script tag would be).
 */
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import path from 'node:path';

let bundled: Promise<string> | undefined;

function writerScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [path.join(import.meta.dirname, 'inPage/writeLegacyProfile.ts')],
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bundled;
}

/** Writes the legacy profile; returns its incident's id. */
export async function writeLegacyProfile(page: Page, canary: string): Promise<string> {
  const script = `const LEGACY_CANARY = ${JSON.stringify(canary)};\n${await writerScript()}`;
  await page.evaluate(script);
  const result = await page.waitForFunction(
    () => (globalThis as { legacyProfileWritten?: unknown }).legacyProfileWritten,
  );
  const written = (await result.jsonValue()) as { id: string } | { error: string };
  if ('error' in written) throw new Error(`Could not write the legacy profile: ${written.error}`);
  return written.id;
}
