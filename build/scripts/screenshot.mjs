// Regenerates docs/screenshot.png for the README: the built app in headless Chromium with the
// sample data loaded. Run after `npm run build`: node build/scripts/screenshot.mjs
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';
import { repoRoot } from './ensureInstalled.mjs';
import { serveStatic } from './staticServer.mjs';

const server = await serveStatic({ root: path.join(repoRoot, 'dist/renderer') });
const profile = await mkdtemp(path.join(tmpdir(), 'daftar-shot-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath(),
  args: CHROMIUM_ARGS,
  viewport: { width: 1280, height: 720 },
});
try {
  const page = await context.newPage();
  await page.goto(server.url);
  // First run: the passphrase that encrypts the profile (the lock screen comes before anything).
  await page.getByLabel('New passphrase').fill('screenshot passphrase');
  await page.getByLabel('Repeat the passphrase').fill('screenshot passphrase');
  await page.getByRole('button', { name: 'Encrypt and start' }).click();
  await page.getByLabel('Your name').fill('Mariam Ahmadi');
  await page.getByRole('button', { name: 'Start using Daftar' }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await page.getByRole('link', { name: /Balkh killed/ }).click();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByText('All changes saved.').waitFor();
  await page.screenshot({ path: path.join(repoRoot, 'docs/screenshot.png') });
  console.log('Wrote docs/screenshot.png');
} finally {
  await context.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
}
