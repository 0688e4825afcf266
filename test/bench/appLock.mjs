// The app's lock screen, as the benchmarks that open the real app meet it: the app profile they
// fill (page/appProfile.ts) is locked with BENCH_PASSPHRASE, and the app shows nothing of it
// until that passphrase is typed ("Passphrase", then "Unlock").
import { BENCH_PASSPHRASE } from './createBench.mjs';

/** @typedef {import('playwright-core').Page} Page */

/**
 * Waits for the lock screen on `page`, types the bench passphrase and submits it. Resolves once
 * the form is submitted; what the app then shows is for the caller to wait for.
 * @param {Page} page
 * @param {number} [timeoutMs]
 */
export async function unlockApp(page, timeoutMs = 60_000) {
  const screen = page.getByRole('main', { name: 'Daftar is locked' });
  const field = screen.getByLabel('Passphrase', { exact: true });
  await field.waitFor({ timeout: timeoutMs });
  await field.fill(BENCH_PASSPHRASE);
  await screen.getByRole('button', { name: 'Unlock' }).click();
}
