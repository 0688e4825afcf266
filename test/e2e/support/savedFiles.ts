/**
 * How a test gets hold of a file the app saves. The web build saves through a download, which
 * Playwright catches; the Electron app through the native save dialog, which Playwright cannot
 * drive — there the fixture answers the dialog from the main process with a fresh folder and
 * reads the file the app wrote (atomically: it appears whole, under its final name).
 */
import { expect, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A file as the tests hand it around: what a save produced, or what is chosen for import. */
export interface SavedFile {
  name: string;
  bytes: Buffer;
}

type Saver = (action: () => Promise<void>) => Promise<SavedFile>;

const savers = new WeakMap<Page, Saver>();

/** The file the app saves when `action` runs in `page`. */
export function captureSave(page: Page, action: () => Promise<void>): Promise<SavedFile> {
  return (savers.get(page) ?? viaDownload(page))(action);
}

function viaDownload(page: Page): Saver {
  return async (action) => {
    const started = page.waitForEvent('download');
    await action();
    const download = await started;
    return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
  };
}

/**
 * For an Electron window: each save answers the next save dialog with a new temporary folder
 * (the suggested file name kept). Returns the clean-up to run when the app is closed.
 */
export function saveThroughDialog(page: Page, electronApp: ElectronApplication) {
  const folders: string[] = [];
  savers.set(page, async (action) => {
    const folder = await mkdtemp(path.join(tmpdir(), 'daftar-e2e-saved-'));
    folders.push(folder);
    await electronApp.evaluate(({ dialog }, into) => {
      const answer = (...args: unknown[]) => {
        const { defaultPath } = args.at(-1) as { defaultPath: string };
        const name = defaultPath.split(/[\\/]/).pop() ?? 'saved';
        return Promise.resolve({ canceled: false, filePath: `${into}/${name}` });
      };
      dialog.showSaveDialog = answer as typeof dialog.showSaveDialog;
    }, folder);
    await action();
    let names: string[] = [];
    await expect
      .poll(async () => {
        // a temporary `.name.random.tmp` sibling is renamed to the final name once complete
        names = (await readdir(folder)).filter((n) => !n.startsWith('.'));
        return names.length;
      })
      .toBe(1);
    const name = names[0]!;
    return { name, bytes: await readFile(path.join(folder, name)) };
  });
  return async (): Promise<void> => {
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  };
}
