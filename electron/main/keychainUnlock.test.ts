import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SafeStorageLike } from './deviceKey.ts';
import { createKeychainStore, KEYCHAIN_UNLOCK_FILE_NAME } from './keychainUnlock.ts';

let folder: string;
let file: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'daftar-keychain-'));
  file = path.join(folder, KEYCHAIN_UNLOCK_FILE_NAME);
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A reversible stand-in for the OS keychain: tagged and reversed, nothing like the plain text. */
function fakeSafeStorage(overrides: Partial<SafeStorageLike> = {}): SafeStorageLike {
  return {
    isEncryptionAvailable: () => true,
    encryptString: (plain) => Buffer.from(`kc:${plain}`).reverse(),
    decryptString: (encrypted) => {
      const plain = Buffer.from(encrypted).reverse().toString();
      if (!plain.startsWith('kc:')) throw new Error('Error while decrypting the ciphertext');
      return plain.slice(3);
    },
    getSelectedStorageBackend: () => 'gnome_libsecret',
    ...overrides,
  };
}

const ENTRY = {
  database: 'daftar-0b6f2f2e-5b8c-4d53-9a3e-6a1d2c0e9f10',
  rowKey: new Uint8Array(32).map((_, i) => i + 1),
};

function store(safeStorage = fakeSafeStorage()) {
  const warn = vi.fn();
  return { keychain: createKeychainStore({ file, safeStorage, warn }), warn };
}

describe('keychain unlock', () => {
  it('keeps the entry encrypted by the keychain, readable only by the owner', async () => {
    const { keychain } = store();
    await expect(keychain.available()).resolves.toBe(true);
    await keychain.save(ENTRY);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(ENTRY.database);
    expect(text).not.toContain(Buffer.from(ENTRY.rowKey).toString('base64'));
    expect(JSON.parse(text)).toMatchObject({ format: 'daftar-keychain-unlock', version: 1 });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    await expect(keychain.load()).resolves.toEqual(ENTRY);
  });

  it('loads null when nothing is saved, and forgets by erasing the file', async () => {
    const { keychain } = store();
    await expect(keychain.load()).resolves.toBeNull();
    await keychain.save(ENTRY);
    await keychain.forget();
    expect(existsSync(file)).toBe(false);
    await expect(keychain.load()).resolves.toBeNull();
    await expect(keychain.forget()).resolves.toBeUndefined();
  });

  it.each([
    ['safeStorage is unavailable', { isEncryptionAvailable: () => false }],
    ['Linux has only basic_text', { getSelectedStorageBackend: () => 'basic_text' }],
  ])('refuses to keep anything, or read it, when %s', async (_name, overrides) => {
    await store().keychain.save(ENTRY);
    const { keychain } = store(fakeSafeStorage(overrides));
    await expect(keychain.available()).resolves.toBe(false);
    await expect(keychain.save(ENTRY)).rejects.toThrow(/cannot keep the key in the keychain/);
    await expect(keychain.load()).resolves.toBeNull();
  });

  it.each([
    ['a path for a database', { ...ENTRY, database: '../daftar-0b6f2f2e' }],
    ['an upper-case database name', { ...ENTRY, database: 'daftar-ABCDEFGH' }],
    ['a short key', { ...ENTRY, rowKey: new Uint8Array(31) }],
    ['an extra field', { ...ENTRY, passphrase: 'x' }],
  ])('refuses to save %s', async (_name, entry) => {
    const { keychain } = store();
    await expect(keychain.save(entry)).rejects.toThrow();
    expect(existsSync(file)).toBe(false);
  });

  it('reads null from a file the keychain cannot decrypt (a reset keychain, another user)', async () => {
    await store().keychain.save(ENTRY);
    const { keychain, warn } = store(
      fakeSafeStorage({
        decryptString: () => {
          throw new Error('Error while decrypting the ciphertext');
        },
      }),
    );
    await expect(keychain.load()).resolves.toBeNull();
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/passphrase is needed/),
      expect.any(Error),
    );
    // Left in place: the user may forget it, or unlock the keychain and try again.
    expect(existsSync(file)).toBe(true);
  });

  const encrypted = (secret: unknown) =>
    JSON.stringify({
      format: 'daftar-keychain-unlock',
      version: 1,
      encrypted: fakeSafeStorage().encryptString(JSON.stringify(secret)).toString('base64'),
    });

  it.each([
    ['not JSON', 'not json'],
    ['another format', JSON.stringify({ format: 'daftar-device-key', version: 1, encrypted: '' })],
    ['an extra field', JSON.stringify({ ...JSON.parse(encrypted({})), extra: 1 })],
    ['a newer version', JSON.stringify({ ...JSON.parse(encrypted({})), version: 2 })],
    [
      'a path inside',
      encrypted({ database: '../../etc', rowKey: Buffer.alloc(32).toString('base64') }),
    ],
    [
      'a short key inside',
      encrypted({ database: ENTRY.database, rowKey: Buffer.alloc(16).toString('base64') }),
    ],
    [
      'an extra field inside',
      encrypted({ database: ENTRY.database, rowKey: Buffer.alloc(32).toString('base64'), x: 1 }),
    ],
    ['too many bytes', ' '.repeat(64 * 1024 + 1)],
  ])('reads null from a file holding %s', async (_name, text) => {
    await writeFile(file, text);
    await expect(store().keychain.load()).resolves.toBeNull();
  });

  it('reads a valid planted entry only through the keychain', async () => {
    const good = encrypted({
      database: ENTRY.database,
      rowKey: Buffer.from(ENTRY.rowKey).toString('base64'),
    });
    await writeFile(file, good);
    await expect(store().keychain.load()).resolves.toEqual(ENTRY);
  });
});
