import { existsSync } from 'node:fs';
import { link, mkdtemp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERASE_OVERWRITE_LIMIT, eraseFile, nodeEraseFs, type EraseFs } from './eraseFile.ts';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'daftar-erase-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Real file calls that remember what each file held just before it was unlinked. */
function recordingFs() {
  const lastBytes = new Map<string, Buffer>();
  const fs: EraseFs = {
    ...nodeEraseFs,
    unlink: async (file) => {
      lastBytes.set(path.basename(file), await readFile(file).catch(() => Buffer.alloc(0)));
      await nodeEraseFs.unlink(file);
    },
  };
  return { fs, lastBytes };
}

describe('eraseFile', () => {
  it('overwrites a small file with zeros, then unlinks it', async () => {
    const file = path.join(folder, 'key.json');
    await writeFile(file, 'secret key material');
    const { fs, lastBytes } = recordingFs();
    await expect(eraseFile(file, fs)).resolves.toBe(true);
    expect(existsSync(file)).toBe(false);
    expect(lastBytes.get('key.json')).toEqual(Buffer.alloc(19));
  });

  it('answers false when there is nothing to erase', async () => {
    await expect(eraseFile(path.join(folder, 'none.json'))).resolves.toBe(false);
  });

  it('only unlinks a large file (no gigabytes of zeros)', async () => {
    const file = path.join(folder, 'big.bin');
    await writeFile(file, 'x');
    await truncate(file, ERASE_OVERWRITE_LIMIT + 1);
    const { fs, lastBytes } = recordingFs();
    await eraseFile(file, fs);
    expect(lastBytes.get('big.bin')?.[0]).toBe('x'.charCodeAt(0));
  });

  it('never writes through a symbolic or hard link', async () => {
    const target = path.join(folder, 'users-file.txt');
    await writeFile(target, 'keep me');
    await symlink(target, path.join(folder, 'soft.json'));
    await link(target, path.join(folder, 'hard.json'));
    await eraseFile(path.join(folder, 'soft.json'));
    await eraseFile(path.join(folder, 'hard.json'));
    expect(await readFile(target, 'utf8')).toBe('keep me');
    expect(existsSync(path.join(folder, 'soft.json'))).toBe(false);
    expect(existsSync(path.join(folder, 'hard.json'))).toBe(false);
  });

  it('still unlinks when the overwrite fails', async () => {
    const file = path.join(folder, 'locked.json');
    await writeFile(file, 'secret');
    const fs: EraseFs = {
      ...nodeEraseFs,
      open: async () => {
        throw Object.assign(new Error('EBUSY'), { code: 'EBUSY' });
      },
    };
    await expect(eraseFile(file, fs)).resolves.toBe(true);
    expect(existsSync(file)).toBe(false);
  });

  it('throws when the file cannot be unlinked', async () => {
    const file = path.join(folder, 'stuck.json');
    await writeFile(file, 'x');
    const fs: EraseFs = {
      ...nodeEraseFs,
      unlink: async () => {
        throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
      },
    };
    await expect(eraseFile(file, fs)).rejects.toThrow('EPERM');
  });
});
