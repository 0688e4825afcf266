import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTooWideForSync } from './syncFolderChoice.ts';

describe('folders too wide to sync', () => {
  it.each([
    ['C:\\', 'C:\\Users\\ali', true],
    ['D:\\', 'C:\\Users\\ali', true],
    ['d:\\', 'C:\\Users\\ali', true],
    ['\\\\server\\share', 'C:\\Users\\ali', true],
    ['\\\\server\\share\\', 'C:\\Users\\ali', true],
    ['c:\\users\\ALI\\', 'C:\\Users\\ali', true],
    ['C:\\Users', 'C:\\Users\\ali', true],
    ['C:\\Users\\ali\\Daftar Sync', 'C:\\Users\\ali', false],
    ['C:\\Users\\alina', 'C:\\Users\\ali', false],
    ['D:\\Daftar', 'C:\\Users\\ali', false],
    ['\\\\server\\share\\Daftar', 'C:\\Users\\ali', false],
  ])('on Windows, %j with the home folder %j is too wide: %s', (folder, home, tooWide) => {
    expect(isTooWideForSync(folder, home, path.win32)).toBe(tooWide);
  });

  it.each([
    ['/', '/home/ali', true],
    ['/home', '/home/ali', true],
    ['/home/ali/', '/home/ali', true],
    ['/home/ali/../ali', '/home/ali', true],
    ['/home/ali/Sync', '/home/ali', false],
    ['/home/alina', '/home/ali', false],
    ['/home/..ali', '/home/ali', false],
    ['/media/usb', '/home/ali', false],
  ])('on Linux, %j with the home folder %j is too wide: %s', (folder, home, tooWide) => {
    expect(isTooWideForSync(folder, home, path.posix, false)).toBe(tooWide);
  });
});
