/**
 * A sync folder for end-to-end tests, as a sync tool (Syncthing, a stick) would keep it. In the
 * web build each profile is its own browser context, so each gets a folder of its own in its
 * Origin Private File System — a real directory handle the picker returns, kept in IndexedDB
 * like any picked folder — and `carry` copies the files one has and the other lacks, as the sync
 * tool would. In Electron every profile's native folder dialog is answered with one real
 * temporary folder on disk, shared by all: `carry` has nothing to do.
 */
import type { Page } from '@playwright/test';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { electronAppOf } from './fixtures.ts';

/** The folder's name, as the app shows it. */
export const FOLDER_NAME = 'Team folder';

export interface FolderFile {
  name: string;
  bytes: Buffer;
}

export class TestSyncFolder {
  private constructor(private readonly disk: string | null) {}

  static async create(host: 'web' | 'electron'): Promise<TestSyncFolder> {
    if (host === 'web') return new TestSyncFolder(null);
    const parent = await mkdtemp(path.join(tmpdir(), 'daftar-e2e-folder-'));
    return new TestSyncFolder(path.join(parent, FOLDER_NAME));
  }

  /** Make the page's next "Choose folder…" pick this folder. */
  async answerPicker(page: Page): Promise<void> {
    const app = electronAppOf(page);
    if (this.disk !== null && app) {
      await mkdir(this.disk, { recursive: true });
      await app.evaluate(({ dialog }, folder) => {
        const answer = () => Promise.resolve({ canceled: false, filePaths: [folder] });
        dialog.showOpenDialog = answer as unknown as typeof dialog.showOpenDialog;
      }, this.disk);
      return;
    }
    await page.evaluate((name) => {
      Object.assign(window, {
        showDirectoryPicker: async () =>
          (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true }),
      });
    }, FOLDER_NAME);
  }

  /** The files in the page's copy of the folder (hidden part files left out). */
  async files(page: Page): Promise<FolderFile[]> {
    if (this.disk !== null) {
      const names = (await readdir(this.disk)).filter((n) => !n.startsWith('.')).sort();
      return Promise.all(
        names.map(async (name) => ({ name, bytes: await readFile(path.join(this.disk!, name)) })),
      );
    }
    const listed = await page.evaluate(async (folderName) => {
      const folder = await (
        await navigator.storage.getDirectory()
      ).getDirectoryHandle(folderName, {
        create: true,
      });
      const out: { name: string; base64: string }[] = [];
      for await (const [name, handle] of (
        folder as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }
      ).entries()) {
        if (handle.kind !== 'file' || name.startsWith('.')) continue;
        const bytes = new Uint8Array(
          await (await (handle as FileSystemFileHandle).getFile()).arrayBuffer(),
        );
        let binary = '';
        for (const byte of bytes) binary += String.fromCharCode(byte);
        out.push({ name, base64: btoa(binary) });
      }
      return out;
    }, FOLDER_NAME);
    return listed
      .map((f) => ({ name: f.name, bytes: Buffer.from(f.base64, 'base64') }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Put a file into the page's copy of the folder, as a sync tool bringing it would. */
  async put(page: Page, file: FolderFile): Promise<void> {
    if (this.disk !== null) {
      await writeFile(path.join(this.disk, file.name), file.bytes);
      return;
    }
    await page.evaluate(
      async ({ folderName, name, base64 }) => {
        const folder = await (
          await navigator.storage.getDirectory()
        ).getDirectoryHandle(folderName, { create: true });
        const binary = atob(base64);
        const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
        const writable = await (
          await folder.getFileHandle(name, { create: true })
        ).createWritable();
        await writable.write(bytes);
        await writable.close();
      },
      { folderName: FOLDER_NAME, name: file.name, base64: file.bytes.toString('base64') },
    );
  }

  /** What the sync tool does: the files `from` has and `to` lacks arrive at `to`. */
  async carry(from: Page, to: Page): Promise<void> {
    if (this.disk !== null) return;
    const there = new Set((await this.files(to)).map((f) => f.name));
    for (const file of await this.files(from)) if (!there.has(file.name)) await this.put(to, file);
  }

  async dispose(): Promise<void> {
    if (this.disk !== null) await rm(path.dirname(this.disk), { recursive: true, force: true });
  }
}
