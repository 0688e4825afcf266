import { mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic, type AtomicWriteFs } from './atomicWrite.ts';
import {
  describeSaveError,
  saveDialogOptions,
  saveFileWithDialog,
  type SaveFileDeps,
} from './saveFile.ts';

const encoder = new TextEncoder();
const request = (text: string, suggestedName = 'report.csv') => ({
  suggestedName,
  mediaType: 'text/csv',
  data: encoder.encode(text),
});

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'daftar-save-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Real file system, except that writing the temporary file runs out of space half-way. */
function diskFullFs(): AtomicWriteFs {
  return {
    open: async (file, flags, mode) => {
      const handle = await open(file, flags, mode);
      return {
        writeFile: async (data) => {
          await handle.writeFile(typeof data === 'string' ? data.slice(0, 3) : data.subarray(0, 3));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
            code: 'ENOSPC',
          });
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    },
    rename: vi.fn(),
    unlink: (file) => rm(file),
  };
}

describe('saveFileWithDialog', () => {
  it('writes the chosen file and leaves nothing else behind', async () => {
    const target = path.join(folder, 'report.csv');
    const showSaveDialog = vi.fn<SaveFileDeps['showSaveDialog']>(async () => ({
      canceled: false,
      filePath: target,
    }));
    await expect(
      saveFileWithDialog(request('id,title\n1,Flood'), {
        showSaveDialog,
        defaultDirectory: folder,
      }),
    ).resolves.toBe('saved');
    expect(await readFile(target, 'utf8')).toBe('id,title\n1,Flood');
    expect(await readdir(folder)).toEqual(['report.csv']);
    expect(showSaveDialog.mock.calls[0]?.[0].defaultPath).toBe(target);
  });

  it('replaces an existing file', async () => {
    const target = path.join(folder, 'report.csv');
    await writeFile(target, 'old');
    await saveFileWithDialog(request('new'), {
      showSaveDialog: async () => ({ canceled: false, filePath: target }),
      defaultDirectory: folder,
    });
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(folder)).toEqual(['report.csv']);
  });

  it('writes nothing when the user cancels', async () => {
    const write = vi.fn();
    await expect(
      saveFileWithDialog(request('x'), {
        showSaveDialog: async () => ({ canceled: true, filePath: path.join(folder, 'x.csv') }),
        defaultDirectory: folder,
        write,
      }),
    ).resolves.toBe('cancelled');
    expect(write).not.toHaveBeenCalled();
    expect(await readdir(folder)).toEqual([]);
  });

  it('on a full disk keeps the previous file, removes the temporary one and says why', async () => {
    const target = path.join(folder, 'incidents.daftar');
    await writeFile(target, 'previous bundle');
    const attempt = saveFileWithDialog(request('a much longer new bundle', 'incidents.daftar'), {
      showSaveDialog: async () => ({ canceled: false, filePath: target }),
      defaultDirectory: folder,
      write: (file, data) => writeFileAtomic(file, data, { fs: diskFullFs() }),
    });
    await expect(attempt).rejects.toThrow('Not enough disk space to save “incidents.daftar”');
    expect(await readdir(folder)).toEqual(['incidents.daftar']);
    expect(await readFile(target, 'utf8')).toBe('previous bundle');
  });
});

describe('writeFileAtomic', () => {
  it('removes the temporary file when the rename fails', async () => {
    const target = path.join(folder, 'settings.json');
    await writeFile(target, '{"language":"en"}');
    const failingRename: AtomicWriteFs = {
      open: (file, flags, mode) => open(file, flags, mode),
      rename: async () => {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      },
      unlink: (file) => rm(file),
    };
    await expect(writeFileAtomic(target, '{}', { fs: failingRename })).rejects.toThrow('EACCES');
    expect(await readdir(folder)).toEqual(['settings.json']);
    expect(await readFile(target, 'utf8')).toBe('{"language":"en"}');
  });

  it('creates new files readable by their owner only', async () => {
    const target = path.join(folder, 'private.json');
    await writeFileAtomic(target, '{}');
    if (process.platform !== 'win32') expect((await stat(target)).mode & 0o777).toBe(0o600);
  });
});

describe('saveDialogOptions', () => {
  it('starts in the default folder, filters by extension and stays out of recent files', () => {
    const options = saveDialogOptions(request('', 'kabul.daftar'), folder);
    expect(options.defaultPath).toBe(path.join(folder, 'kabul.daftar'));
    expect(options.filters[0]).toEqual({ name: 'DAFTAR', extensions: ['daftar'] });
    expect(options.properties).toContain('dontAddToRecent');
    expect(options.properties).toContain('showOverwriteConfirmation');
    expect(saveDialogOptions(request('', 'README'), folder).filters).toEqual([]);
  });
});

describe('describeSaveError', () => {
  it.each([
    ['ENOSPC', 'Not enough disk space'],
    ['EROFS', 'read-only'],
    ['EACCES', 'no permission'],
    ['EPERM', 'no permission'],
    ['ENOENT', 'no longer exists'],
    ['EMFILE', 'EMFILE'],
  ])('%s → %s', (code, text) => {
    expect(describeSaveError(Object.assign(new Error(code), { code }), 'a.csv')).toContain(text);
  });
});
