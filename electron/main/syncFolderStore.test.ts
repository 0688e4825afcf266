import { existsSync } from 'node:fs';
import {
  link,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHostSettingsStore } from './hostSettings.ts';
import { nodeFolderWatcher, type FolderWatcher } from './folderWatch.ts';
import {
  createSyncFolderStore,
  PART_PREFIX,
  STALE_PART_MS,
  type SyncFolderStoreDeps,
} from './syncFolderStore.ts';

let root: string;
let folder: string;
let settingsFile: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'daftar-syncfolder-'));
  folder = path.join(root, 'Team Bundles');
  await mkdir(folder);
  settingsFile = path.join(root, 'settings.json');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const bytes = (...values: number[]) => new Uint8Array(values);
/** A bundle's name, as the sync folder holds them (`isSyncFileName`). */
const bundle = (who: string) => `daftar-${who}-20260101T000000Z-AAAAAAAA.daftarsync`;
const files = async (where = folder) => (await readdir(where)).sort();

/** A fake watcher: records each watch, and lets a test play the system's events and errors. */
function fakeWatcher() {
  const watches: {
    folder: string;
    event: (fileName: string | null) => void;
    error: (error: unknown) => void;
    stopped: boolean;
  }[] = [];
  const watchFolder: FolderWatcher = (watched, onEvent, onError) => {
    const watch = { folder: watched, event: onEvent, error: onError, stopped: false };
    watches.push(watch);
    return () => {
      watch.stopped = true;
    };
  };
  return { watches, watchFolder };
}

function setup(overrides: Partial<SyncFolderStoreDeps> = {}, chosen: string | null = folder) {
  const showOpenDialog = vi.fn<SyncFolderStoreDeps['showOpenDialog']>(async () =>
    chosen === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [chosen] },
  );
  const settings = createHostSettingsStore(settingsFile);
  const store = createSyncFolderStore({
    settings,
    showOpenDialog,
    language: () => 'en',
    watchFolder: fakeWatcher().watchFolder,
    homeDir: path.join(root, 'home', 'ali'),
    ...overrides,
  });
  return { store, showOpenDialog, settings };
}

/** A store with `folder` chosen. */
async function chosenStore(overrides: Partial<SyncFolderStoreDeps> = {}) {
  const made = setup(overrides);
  await made.store.choose(7);
  return made;
}

describe('choosing the folder', () => {
  it('asks with a folder dialog for the asking window and remembers the path in settings', async () => {
    const { store, showOpenDialog } = setup();
    await expect(store.current()).resolves.toBeNull();
    await expect(store.choose(7)).resolves.toBe('Team Bundles');
    expect(showOpenDialog).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({
        title: 'Choose the Sync Folder',
        properties: expect.arrayContaining(['openDirectory', 'createDirectory']),
      }),
      7,
    );
    expect(JSON.parse(await readFile(settingsFile, 'utf8'))).toEqual({ syncFolder: folder });
    // A new run of the app finds it again.
    await expect(setup().store.current()).resolves.toBe('Team Bundles');
  });

  it('asks in Dari when the UI is in Dari', async () => {
    const { store, showOpenDialog } = setup({ language: () => 'fa-AF' });
    await store.choose(1);
    expect(showOpenDialog.mock.calls[0]?.[0].title).toBe('پوشهٔ همگام‌سازی را انتخاب کنید');
  });

  it('keeps the folder it had when the user cancels', async () => {
    await chosenStore();
    const { store } = setup({}, null);
    await expect(store.choose(7)).resolves.toBeNull();
    await expect(store.current()).resolves.toBe('Team Bundles');
  });

  it('forgets the folder, leaving its files where they are', async () => {
    const { store } = await chosenStore();
    await writeFile(path.join(folder, bundle('a')), 'x');
    await store.forget();
    await expect(store.current()).resolves.toBeNull();
    expect(JSON.parse(await readFile(settingsFile, 'utf8'))).toEqual({});
    await expect(store.list()).rejects.toThrow('No sync folder is chosen yet.');
    expect(await files()).toEqual([bundle('a')]);
  });

  it('drops the folder from memory on reset (a wipe), writing nothing and stopping the watch', async () => {
    const { watches, watchFolder } = fakeWatcher();
    const { store } = await chosenStore({ watchFolder });
    const stop = store.watch(() => undefined);
    await vi.waitFor(() => expect(watches).toHaveLength(1));
    await rm(settingsFile);
    store.reset();
    await expect(store.current()).resolves.toBeNull();
    expect(watches[0]!.stopped).toBe(true);
    await expect(readFile(settingsFile)).rejects.toThrow(/ENOENT/);
    await expect(store.list()).rejects.toThrow('No sync folder is chosen yet.');
    stop();
  });

  it('does not keep a folder chosen in a dialog opened before a reset', async () => {
    let pick: (path: string) => void = () => undefined;
    const { store } = setup({
      showOpenDialog: () =>
        new Promise((resolve) => {
          pick = (chosen) => resolve({ canceled: false, filePaths: [chosen] });
        }),
    });
    const choosing = store.choose(7);
    store.reset();
    pick(folder);
    await expect(choosing).resolves.toBeNull();
    await expect(store.current()).resolves.toBeNull();
    await expect(readFile(settingsFile)).rejects.toThrow(/ENOENT/);
  });

  it('keeps other settings when it stores the folder', async () => {
    await writeFile(settingsFile, JSON.stringify({ language: 'fa-AF', future: 1 }));
    await setup().store.choose(1);
    expect(JSON.parse(await readFile(settingsFile, 'utf8'))).toEqual({
      language: 'fa-AF',
      future: 1,
      syncFolder: folder,
    });
  });
});

describe('choosing a folder too wide to sync', () => {
  const TOO_WIDE =
    "Choose a folder of its own for Daftar's sync, not your home folder or a whole disk.";

  /** Chooses `chosen` after `folder` was chosen, expecting a refusal that keeps `folder`. */
  async function expectRefused(chosen: string, homeDir: string) {
    const { store, showOpenDialog } = await chosenStore({ homeDir });
    showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [chosen] });
    await expect(store.choose(7)).rejects.toThrow(TOO_WIDE);
    await expect(store.current()).resolves.toBe('Team Bundles');
    expect(JSON.parse(await readFile(settingsFile, 'utf8'))).toEqual({ syncFolder: folder });
  }

  it('refuses the home folder', async () => {
    const home = path.join(root, 'home', 'ali');
    await mkdir(home, { recursive: true });
    await expectRefused(home, home);
    await expectRefused(`${home}${path.sep}`, home);
  });

  it('refuses a folder holding the home folder', async () => {
    const home = path.join(root, 'home', 'ali');
    await mkdir(home, { recursive: true });
    await expectRefused(path.join(root, 'home'), home);
    await expectRefused(root, home);
  });

  it('refuses a link to the home folder', async () => {
    const home = path.join(root, 'home', 'ali');
    await mkdir(home, { recursive: true });
    const shortcut = path.join(root, 'Sync');
    await symlink(home, shortcut);
    await expectRefused(shortcut, home);
  });

  it('refuses a whole disk', async () => {
    await expectRefused(path.parse(folder).root, path.join(root, 'home', 'ali'));
  });

  it('takes a folder inside the home folder', async () => {
    const { store } = setup({ homeDir: root });
    await expect(store.choose(7)).resolves.toBe('Team Bundles');
  });
});

describe('listing', () => {
  it('lists plain files at the top level with their size and time, nothing else', async () => {
    const { store } = await chosenStore();
    await writeFile(path.join(folder, bundle('kabul-1')), 'abc');
    await writeFile(path.join(folder, '.hidden'), 'x');
    await writeFile(path.join(folder, 'with space.daftar'), 'x');
    await mkdir(path.join(folder, 'sub'));
    await writeFile(path.join(folder, 'sub', bundle('deep')), 'x');
    const outside = path.join(root, 'secret.txt');
    await writeFile(outside, 'secret');
    await symlink(outside, path.join(folder, bundle('link')));
    await symlink(path.join(root), path.join(folder, 'dirlink'));
    const entries = await store.list();
    expect(entries).toEqual([{ name: bundle('kabul-1'), size: 3, modified: expect.any(Number) }]);
    expect(Math.abs(entries[0]!.modified - Date.now())).toBeLessThan(60_000);
  });

  it('tells the user when the folder is gone', async () => {
    const { store } = await chosenStore();
    await rm(folder, { recursive: true });
    await expect(store.list()).rejects.toThrow(
      'The sync folder “Team Bundles” cannot be found. Was it moved, or is the USB stick out?',
    );
    await expect(store.read(bundle('a'), 0, 1)).rejects.toThrow(/cannot be found/);
    await expect(store.write(bundle('a'), 0, bytes(1))).rejects.toThrow(/cannot be found/);
  });

  it('says so when no folder is chosen', async () => {
    const { store } = setup();
    for (const attempt of [
      () => store.list(),
      () => store.read(bundle('a'), 0, 1),
      () => store.write(bundle('a'), 0, bytes(1)),
      () => store.commit(bundle('a')),
    ]) {
      await expect(attempt()).rejects.toThrow('No sync folder is chosen yet.');
    }
  });

  it('removes part files left over from a write more than a day ago', async () => {
    const { store } = await chosenStore({ now: () => Date.now() });
    const old = path.join(folder, `${PART_PREFIX}${bundle('old')}`);
    const fresh = path.join(folder, `${PART_PREFIX}${bundle('fresh')}`);
    await writeFile(old, 'x');
    await writeFile(fresh, 'x');
    const longAgo = (Date.now() - STALE_PART_MS - 60_000) / 1000;
    await utimes(old, longAgo, longAgo);
    await expect(store.list()).resolves.toEqual([]);
    expect(await files()).toEqual([`${PART_PREFIX}${bundle('fresh')}`]);
  });
});

describe('names', () => {
  const hostile = [
    '../x',
    '../../etc/passwd',
    'a/b',
    'a\\b',
    '.hidden',
    '..',
    'C:x',
    'x\0y',
    'a'.repeat(200),
    '',
    'x.',
    'CON',
    'nul.daftar',
    'LPT1',
    // Plain names, but not Daftar's: never written for a sync tool to spread, nor read.
    'desktop.ini',
    'autorun.inf',
    'report.pdf.exe',
    'kabul-1.daftar',
    'daftar-a.daftarsync.exe',
    'daftar-folder.json.lnk',
  ];

  it.each(hostile)('refuses %j before touching the disk', async (name) => {
    const { store } = await chosenStore();
    await writeFile(path.join(root, 'x'), 'outside');
    const before = await files(root);
    for (const attempt of [
      () => store.read(name, 0, 1),
      () => store.write(name, 0, bytes(1)),
      () => store.commit(name),
    ]) {
      await expect(attempt()).rejects.toThrow(/Not a file name the sync folder holds/);
    }
    expect(await files(root)).toEqual(before);
    expect(await files()).toEqual([]);
    expect(await readFile(path.join(root, 'x'), 'utf8')).toBe('outside');
  });

  it('touches none of the user’s other files in the folder (Documents chosen as the folder)', async () => {
    const { store } = await chosenStore();
    await writeFile(path.join(folder, 'tax return.pdf'), 'private');
    await writeFile(path.join(folder, 'notes.txt'), 'private');
    await writeFile(path.join(folder, 'desktop.ini'), '[.ShellClassInfo]');
    await writeFile(path.join(folder, 'daftar-folder.json'), '{}');
    await writeFile(path.join(folder, bundle('kabul')), 'abc');
    expect((await store.list()).map((entry) => entry.name).sort()).toEqual(
      [bundle('kabul'), 'daftar-folder.json'].sort(),
    );
    await expect(store.read('notes.txt', 0, 7)).rejects.toThrow(
      'Not a file name the sync folder holds (only daftar-folder.json and daftar-….daftarsync files).',
    );
    await expect(store.write('desktop.ini', 0, bytes(1))).rejects.toThrow(/Not a file name/);
    await expect(store.commit('desktop.ini')).rejects.toThrow(/Not a file name/);
    await expect(store.read('daftar-folder.json', 0, 2)).resolves.toEqual(bytes(123, 125));
    expect(await readFile(path.join(folder, 'desktop.ini'), 'utf8')).toBe('[.ShellClassInfo]');
    expect(await files()).toEqual(
      [bundle('kabul'), 'daftar-folder.json', 'desktop.ini', 'notes.txt', 'tax return.pdf'].sort(),
    );
  });

  it('writes and commits the folder description file', async () => {
    const { store } = await chosenStore();
    await store.write('daftar-folder.json', 0, bytes(123, 125));
    await store.commit('daftar-folder.json');
    await expect(readFile(path.join(folder, 'daftar-folder.json'), 'utf8')).resolves.toBe('{}');
  });

  it('does not read through a link to a file outside the folder', async () => {
    const { store } = await chosenStore();
    const outside = path.join(root, 'secret.txt');
    await writeFile(outside, 'secret');
    await symlink(outside, path.join(folder, bundle('link')));
    await expect(store.read(bundle('link'), 0, 6)).rejects.toThrow(/is a link/);
  });

  it('does not write through a planted part file link', async () => {
    const { store } = await chosenStore();
    const outside = path.join(root, 'victim.txt');
    await writeFile(outside, 'keep me');
    const part = path.join(folder, `${PART_PREFIX}${bundle('a')}`);
    await symlink(outside, part);
    // A first piece removes the link and writes a file of its own.
    await store.write(bundle('a'), 0, bytes(1, 2));
    expect(await readFile(outside, 'utf8')).toBe('keep me');
    expect((await lstat(part)).isSymbolicLink()).toBe(false);
    // A later piece never follows one planted meanwhile.
    await rm(part);
    await symlink(outside, part);
    await expect(store.write(bundle('a'), 7, bytes(3))).rejects.toThrow(/is a link/);
    await expect(store.commit(bundle('a'))).rejects.toThrow(/is a link/);
    expect(await readFile(outside, 'utf8')).toBe('keep me');
    expect(await files()).toEqual([`${PART_PREFIX}${bundle('a')}`]);
  });

  it('does not write through a part file hard-linked to another file', async () => {
    const { store } = await chosenStore();
    const victim = path.join(root, 'victim.txt');
    await writeFile(victim, 'keep me');
    const part = path.join(folder, `${PART_PREFIX}${bundle('a')}`);
    await link(victim, part);
    // A first piece never opens the planted file: it is replaced by a new one.
    await store.write(bundle('a'), 0, bytes(1, 2));
    expect(await readFile(victim, 'utf8')).toBe('keep me');
    expect((await lstat(victim)).nlink).toBe(1);
    await expect(readFile(part)).resolves.toEqual(Buffer.from([1, 2]));
  });

  it('refuses a later piece or a commit when the part file was swapped for a hard link', async () => {
    const { store } = await chosenStore();
    const victim = path.join(root, 'victim.txt');
    await writeFile(victim, 'keep'); // 4 bytes: the next piece would go right after them
    await store.write(bundle('a'), 0, bytes(1, 2, 3, 4));
    const part = path.join(folder, `${PART_PREFIX}${bundle('a')}`);
    await rm(part);
    await link(victim, part);
    await expect(store.write(bundle('a'), 4, bytes(5))).rejects.toThrow(
      `The file being written under “${bundle('a')}” in the sync folder is linked to another file; Daftar does not write to it.`,
    );
    // Committing it would put the other file's content in the shared folder.
    await expect(store.commit(bundle('a'))).rejects.toThrow(/linked to another file/);
    expect(await readFile(victim, 'utf8')).toBe('keep');
    expect(await files()).toEqual([`${PART_PREFIX}${bundle('a')}`]);
  });

  it('refuses to read a folder as a file', async () => {
    const { store } = await chosenStore();
    await mkdir(path.join(folder, bundle('sub')));
    await expect(store.read(bundle('sub'), 0, 1)).rejects.toThrow(/not a plain file|EISDIR/);
  });

  it('checks ranges', async () => {
    const { store } = await chosenStore();
    await expect(store.read(bundle('a'), -1, 1)).rejects.toThrow(/whole, non-negative/);
    await expect(store.read(bundle('a'), 0, 9 * 1024 ** 2)).rejects.toThrow(/8 MiB/);
    await expect(store.write(bundle('a'), 0.5, bytes(1))).rejects.toThrow(/whole, non-negative/);
  });
});

describe('writing and committing', () => {
  it('writes pieces in order to a hidden part file, then shows the whole file', async () => {
    const { store } = await chosenStore();
    await store.write(bundle('kabul-1'), 0, bytes(1, 2, 3));
    await store.write(bundle('kabul-1'), 3, bytes(4, 5));
    expect(await files()).toEqual([`${PART_PREFIX}${bundle('kabul-1')}`]);
    await expect(store.list()).resolves.toEqual([]);
    await store.commit(bundle('kabul-1'));
    expect(await files()).toEqual([bundle('kabul-1')]);
    await expect(store.list()).resolves.toEqual([
      { name: bundle('kabul-1'), size: 5, modified: expect.any(Number) },
    ]);
    await expect(store.read(bundle('kabul-1'), 1, 3)).resolves.toEqual(bytes(2, 3, 4));
    await expect(store.read(bundle('kabul-1'), 3, 10)).resolves.toEqual(bytes(4, 5));
    await expect(store.read(bundle('kabul-1'), 9, 10)).resolves.toEqual(bytes());
  });

  it('starts afresh when a piece comes at offset 0 again', async () => {
    const { store } = await chosenStore();
    await store.write(bundle('a'), 0, bytes(1, 2, 3));
    await store.write(bundle('a'), 0, bytes(9));
    await store.commit(bundle('a'));
    await expect(readFile(path.join(folder, bundle('a')))).resolves.toEqual(Buffer.from([9]));
  });

  it('refuses a piece out of order', async () => {
    const { store } = await chosenStore();
    await store.write(bundle('a'), 0, bytes(1, 2, 3));
    await expect(store.write(bundle('a'), 5, bytes(4))).rejects.toThrow(
      /came out of order \(at byte 5, but 3 bytes are written\)/,
    );
    await expect(store.write(bundle('a'), 2, bytes(4))).rejects.toThrow(/out of order/);
    await store.write(bundle('a'), 3, bytes(4));
    await store.commit(bundle('a'));
    await expect(readFile(path.join(folder, bundle('a')))).resolves.toEqual(
      Buffer.from([1, 2, 3, 4]),
    );
  });

  it('refuses a later piece of a file that was never started', async () => {
    const { store } = await chosenStore();
    await expect(store.write(bundle('a'), 4, bytes(1))).rejects.toThrow(
      `Nothing is being written under “${bundle('a')}”`,
    );
    await expect(store.commit(bundle('a'))).rejects.toThrow(
      `Nothing was written under “${bundle('a')}”`,
    );
    expect(await files()).toEqual([]);
  });

  it('takes pieces sent without waiting, in the order they were sent', async () => {
    const { store } = await chosenStore();
    await Promise.all([
      store.write(bundle('a'), 0, bytes(1)),
      store.write(bundle('a'), 1, bytes(2)),
      store.write(bundle('a'), 2, bytes(3)),
      store.commit(bundle('a')),
    ]);
    await expect(readFile(path.join(folder, bundle('a')))).resolves.toEqual(Buffer.from([1, 2, 3]));
  });

  it('never replaces a file already in the folder', async () => {
    const { store } = await chosenStore();
    await writeFile(path.join(folder, bundle('a')), 'from a teammate');
    await store.write(bundle('a'), 0, bytes(1, 2));
    await expect(store.commit(bundle('a'))).rejects.toThrow(
      `A file named “${bundle('a')}” is already in the sync folder; Daftar never replaces files there.`,
    );
    expect(await readFile(path.join(folder, bundle('a')), 'utf8')).toBe('from a teammate');
    expect(await files()).toEqual([bundle('a')]);
  });

  it('commits on a disk without hard links (a FAT USB stick), still never replacing', async () => {
    const noLinks = async () => {
      throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
    };
    const { store } = await chosenStore({ hardLink: noLinks });
    await store.write(bundle('a'), 0, bytes(1, 2));
    await store.commit(bundle('a'));
    await expect(readFile(path.join(folder, bundle('a')))).resolves.toEqual(Buffer.from([1, 2]));
    await store.write(bundle('a'), 0, bytes(3));
    await expect(store.commit(bundle('a'))).rejects.toThrow(/already in the sync folder/);
    await expect(readFile(path.join(folder, bundle('a')))).resolves.toEqual(Buffer.from([1, 2]));
    expect(await files()).toEqual([bundle('a')]);
  });

  it('never replaces a link of that name either', async () => {
    const { store } = await chosenStore();
    const outside = path.join(root, 'victim.txt');
    await writeFile(outside, 'keep me');
    await symlink(outside, path.join(folder, bundle('a')));
    await store.write(bundle('a'), 0, bytes(1, 2));
    await expect(store.commit(bundle('a'))).rejects.toThrow(/already in the sync folder/);
    expect(await readFile(outside, 'utf8')).toBe('keep me');
  });
});

describe('watching', () => {
  it('calls the listener once for several changes close together', async () => {
    const { watches, watchFolder } = fakeWatcher();
    const { store } = await chosenStore({ watchFolder, debounceMs: 40 });
    const onChange = vi.fn();
    store.watch(onChange);
    await vi.waitFor(() => expect(watches).toHaveLength(1));
    expect(watches[0]!.folder).toBe(folder);
    for (const name of [bundle('a'), bundle('b'), null, bundle('c')]) watches[0]!.event(name);
    // The part files Daftar itself writes are hidden and never listed: no call for them.
    watches[0]!.event(`${PART_PREFIX}${bundle('x')}`);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(onChange).toHaveBeenCalledOnce();
    watches[0]!.event(`${PART_PREFIX}${bundle('x')}`);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(onChange).toHaveBeenCalledOnce();
    watches[0]!.event(bundle('d'));
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(2));
  });

  it('watches the new folder when another is chosen, and stops on forget', async () => {
    const { watches, watchFolder } = fakeWatcher();
    const other = path.join(root, 'Other');
    await mkdir(other);
    const { store, showOpenDialog } = await chosenStore({ watchFolder });
    const stop = store.watch(() => undefined);
    await vi.waitFor(() => expect(watches).toHaveLength(1));
    showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [other] });
    await expect(store.choose(7)).resolves.toBe('Other');
    expect(watches.map((w) => [w.folder, w.stopped])).toEqual([
      [folder, true],
      [other, false],
    ]);
    await store.forget();
    expect(watches[1]!.stopped).toBe(true);
    stop();
  });

  it('warns once when the folder goes, tells the page, and watches again once it is back', async () => {
    const { watches, watchFolder } = fakeWatcher();
    const warn = vi.fn();
    const { store } = await chosenStore({ watchFolder, warn, debounceMs: 10 });
    const onChange = vi.fn();
    store.watch(onChange);
    await vi.waitFor(() => expect(watches).toHaveLength(1));
    await rm(folder, { recursive: true });
    watches[0]!.error(Object.assign(new Error('gone'), { code: 'ENOENT' }));
    watches[0]!.error(new Error('again'));
    expect(warn).toHaveBeenCalledOnce();
    expect(watches[0]!.stopped).toBe(true);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledOnce());
    await expect(store.list()).rejects.toThrow(/cannot be found/);
    expect(watches).toHaveLength(1);
    await mkdir(folder);
    await expect(store.list()).resolves.toEqual([]);
    expect(watches).toHaveLength(2);
    expect(watches[1]!.folder).toBe(folder);
  });

  it('retries a watch that could not start once the folder lists again', async () => {
    const warn = vi.fn();
    let fail = true;
    const { watches, watchFolder } = fakeWatcher();
    const flaky: FolderWatcher = (...args) => {
      if (fail) throw Object.assign(new Error('no such folder'), { code: 'ENOENT' });
      return watchFolder(...args);
    };
    const { store } = await chosenStore({ watchFolder: flaky, warn });
    store.watch(() => undefined);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledOnce());
    fail = false;
    await store.list();
    expect(watches).toHaveLength(1);
  });

  it('hears a real file arriving through fs.watch', async () => {
    const { store } = await chosenStore({ watchFolder: nodeFolderWatcher, debounceMs: 50 });
    const onChange = vi.fn();
    const stop = store.watch(onChange);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writeFile(path.join(folder, bundle('new')), 'x');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled(), { timeout: 3000 });
    stop();
    expect(existsSync(path.join(folder, bundle('new')))).toBe(true);
  });
});
