/**
 * The `app` fixture: a fresh Daftar for each test, in the host the project names — the web build
 * in Debian Chromium (a new browser context, so a fresh profile), or the Electron app with a new
 * user-data folder. `launchApp` opens more of them, each with its own profile, for tests of two
 * people exchanging work. Every request any of them makes is watched; any to a non-local address
 * fails the test, since nothing may leave the machine unless the user configured a hub.
 */
import {
  test as base,
  expect,
  type Browser,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { displayProblem, findElectronBinary } from '../../../build/scripts/electronBinary.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.ts';
import { saveThroughDialog } from './savedFiles.ts';

export interface HostOptions {
  host: 'web' | 'electron';
}

const LOCAL =
  /^(https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/|daftar:\/\/app\/|data:|blob:|devtools:|chrome-extension:|about:)/;
const repoRoot = path.resolve(import.meta.dirname, '../../..');
let skipReasonPrinted = false;

/** The user-data folder of each Electron window the fixture opened (the web build has none). */
const userDataDirs = new WeakMap<Page, string>();

export function userDataOf(page: Page): string | undefined {
  return userDataDirs.get(page);
}

/** The Electron app of each window the fixture opened, for tests that answer native dialogs. */
const electronApps = new WeakMap<Page, ElectronApplication>();

export function electronAppOf(page: Page): ElectronApplication | undefined {
  return electronApps.get(page);
}

/** Opens one more fresh Daftar — its own profile — in the same host; for two-person tests. */
export type LaunchApp = () => Promise<Page>;

export const test = base.extend<
  { app: Page; launchApp: LaunchApp },
  HostOptions & { webBrowser: Browser | null }
>({
  host: ['web', { option: true, scope: 'worker' }],
  webBrowser: [
    async ({ host, playwright }, use) => {
      if (host !== 'web') return use(null);
      const browser = await playwright.chromium.launch({
        executablePath: chromiumPath(),
        args: CHROMIUM_ARGS,
      });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  launchApp: async ({ host, webBrowser, playwright, baseURL }, use, testInfo) => {
    const offsite: string[] = [];
    const closers: (() => Promise<void>)[] = [];
    const watch = (page: Page) =>
      page.on('request', (request) => {
        if (!LOCAL.test(request.url())) offsite.push(request.url());
      });
    const launch: LaunchApp = async () => {
      if (host === 'web') {
        const context = await webBrowser!.newContext({
          baseURL,
          viewport: { width: 1280, height: 900 },
        });
        closers.push(() => context.close());
        const page = await context.newPage();
        watch(page);
        await page.goto('./');
        return page;
      }
      const binary = findElectronBinary();
      const reason = binary.path === null ? binary.reason : displayProblem();
      if (reason !== null) {
        if (!skipReasonPrinted) console.log(`[electron project] skipped: ${reason}`);
        skipReasonPrinted = true;
        testInfo.skip(true, `Electron cannot run here: ${reason}`);
      }
      const userData = await mkdtemp(path.join(tmpdir(), 'daftar-e2e-'));
      const electronApp = await playwright._electron.launch({
        executablePath: binary.path!,
        // Chromium refuses to start its sandbox as root (CI runs as root).
        args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), repoRoot],
        env: { ...process.env, DAFTAR_USER_DATA_DIR: userData },
      });
      let removeSaved = async () => {};
      closers.push(async () => {
        await electronApp.close();
        await rm(userData, { recursive: true, force: true });
        await removeSaved();
      });
      const page = await electronApp.firstWindow();
      userDataDirs.set(page, userData);
      electronApps.set(page, electronApp);
      removeSaved = saveThroughDialog(page, electronApp);
      watch(page);
      return page;
    };
    await use(launch);
    for (const close of closers.reverse()) await close();
    expect(offsite, 'requests to non-local addresses').toEqual([]);
  },
  app: async ({ launchApp }, use) => {
    await use(await launchApp());
  },
});

/** Skips a file's tests in the other host's project, printing why (once per worker). */
export function onlyInHost(wanted: HostOptions['host'], reason: string): void {
  let printed = false;
  test.skip(({ host }) => {
    const skip = host !== wanted;
    if (skip && !printed) console.log(`[${host} project] skipped, ${wanted} only: ${reason}`);
    printed ||= skip;
    return skip;
  }, reason);
}

export { expect };
