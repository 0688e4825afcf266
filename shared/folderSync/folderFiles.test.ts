import { describe, expect, it } from 'vitest';
import { bundleFileName, isBundleFileName } from './folderFiles.ts';
import { isFolderFileName } from './syncFolder.ts';

describe('bundle file names in a sync folder', () => {
  it('name the device and the time, and are plain folder file names', () => {
    const name = bundleFileName('k3Jd8s_x-Y', Date.UTC(2026, 10, 29, 5, 12, 3, 456), 'Qm9x2aPk');
    expect(name).toBe('daftar-k3Jd8s_x-Y-20261129T051203Z-Qm9x2aPk.daftarsync');
    expect(isFolderFileName(name)).toBe(true);
    expect(isBundleFileName(name)).toBe(true);
  });

  it('differ for two bundles of one second', () => {
    const at = Date.UTC(2026, 10, 29);
    expect(bundleFileName('d', at)).not.toBe(bundleFileName('d', at));
  });

  it('never carry a path, whatever the device id holds', () => {
    const name = bundleFileName('../../x/..\\y', 0);
    expect(name).toMatch(/^daftar-xy-19700101T000000Z-[A-Za-z0-9_-]{8}\.daftarsync$/);
  });

  it.each([
    'daftar-folder.json',
    '.daftar-part-daftar-a.daftarsync',
    'a.daftarsync',
    'daftar-a.daftar',
    'daftar-a/b.daftarsync',
  ])('are told apart from other files: %s is not a bundle', (name) =>
    expect(isBundleFileName(name)).toBe(false),
  );
});

describe('folder file names', () => {
  it.each([
    '../x',
    'a/b',
    'a\\b',
    '.hidden',
    'C:x',
    'a\u0000b',
    'x'.repeat(129),
    'end.',
    'CON',
    'nul.txt',
    'Com1.daftarsync',
    '',
    'کابل.txt',
  ])('refuse %j', (name) => expect(isFolderFileName(name)).toBe(false));
});
