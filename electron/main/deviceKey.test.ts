import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifySignature } from '../../shared/bundle/crypto.ts';
import {
  createDeviceKeyService,
  DEVICE_KEY_FILE_NAME,
  keychainUnavailableReason,
  loadOrCreateHostDeviceKey,
  type SafeStorageLike,
} from './deviceKey.ts';

/** A reversible stand-in for the OS keychain: bytes reversed and tagged, nothing like plain. */
function fakeSafeStorage(overrides: Partial<SafeStorageLike> = {}) {
  const encryptString = vi.fn((plain: string) => Buffer.from(`kc:${plain}`).reverse());
  const safeStorage: SafeStorageLike = {
    isEncryptionAvailable: () => true,
    encryptString,
    decryptString: (encrypted) => {
      const text = Buffer.from(encrypted).reverse().toString();
      if (!text.startsWith('kc:')) throw new Error('Error while decrypting the ciphertext');
      return text.slice(3);
    },
    ...overrides,
  };
  return Object.assign(safeStorage, { encrypted: encryptString });
}

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'daftar-devicekey-'));
  file = path.join(dir, DEVICE_KEY_FILE_NAME);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const data = new TextEncoder().encode('{"formatVersion":1}');

describe('loadOrCreateHostDeviceKey', () => {
  it('creates a key protected by the keychain and signs with it', async () => {
    const safeStorage = fakeSafeStorage();
    const key = (await loadOrCreateHostDeviceKey({ file, safeStorage }))!;
    expect(key.publicKey).toHaveLength(32);
    const signature = key.sign(data);
    expect(signature).toHaveLength(64);
    expect(await verifySignature(key.publicKey, signature, data)).toBe(true);

    const stored = JSON.parse(await readFile(file, 'utf8'));
    expect(stored).toMatchObject({
      format: 'daftar-device-key',
      version: 1,
      storage: 'safeStorage',
    });
    expect(stored.publicKey).toBe(Buffer.from(key.publicKey).toString('base64'));
    // The file holds only what the keychain produced: the PKCS#8 key is nowhere in clear.
    const der = safeStorage.encrypted.mock.calls[0]![0];
    expect(await readFile(file, 'utf8')).not.toContain(der);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('reads the same key back on the next start', async () => {
    const first = (await loadOrCreateHostDeviceKey({ file, safeStorage: fakeSafeStorage() }))!;
    const safeStorage = fakeSafeStorage();
    const again = (await loadOrCreateHostDeviceKey({ file, safeStorage }))!;
    expect(again.publicKey).toEqual(first.publicKey);
    expect(safeStorage.encrypted).not.toHaveBeenCalled();
    expect(await verifySignature(first.publicKey, again.sign(data), data)).toBe(true);
  });

  it.each([
    ['unavailable', { isEncryptionAvailable: () => false }],
    ['the basic_text backend', { getSelectedStorageBackend: () => 'basic_text' }],
  ])('keeps no key when the keychain is %s, and sticks to that', async (_name, overrides) => {
    const safeStorage = fakeSafeStorage(overrides);
    expect(keychainUnavailableReason(safeStorage)).toBeDefined();
    expect(await loadOrCreateHostDeviceKey({ file, safeStorage })).toBeNull();
    expect(safeStorage.encrypted).not.toHaveBeenCalled();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ storage: 'renderer' });
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('keeps no signing key'));
    // A keychain that turns up later does not give this device a second identity.
    expect(await loadOrCreateHostDeviceKey({ file, safeStorage: fakeSafeStorage() })).toBeNull();
  });

  it('accepts a real keychain backend on Linux', () => {
    const safeStorage = fakeSafeStorage({ getSelectedStorageBackend: () => 'gnome_libsecret' });
    expect(keychainUnavailableReason(safeStorage)).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"format":'],
    ['another format', '{"format":"something","version":1,"storage":"renderer","reason":""}'],
    [
      'a newer version',
      '{"format":"daftar-device-key","version":2,"storage":"renderer","reason":""}',
    ],
  ])('refuses a key file that is %s and leaves it as it was', async (_name, text) => {
    await writeFile(file, text);
    const safeStorage = fakeSafeStorage();
    await expect(loadOrCreateHostDeviceKey({ file, safeStorage })).rejects.toThrow(
      /could not read this device's signing key.*left as it was/,
    );
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('refuses a key the keychain cannot decrypt, or cannot open now', async () => {
    await loadOrCreateHostDeviceKey({ file, safeStorage: fakeSafeStorage() });
    const before = await readFile(file, 'utf8');
    const otherKeychain = fakeSafeStorage({ decryptString: () => 'not a key' });
    await expect(loadOrCreateHostDeviceKey({ file, safeStorage: otherKeychain })).rejects.toThrow(
      /could not decrypt/,
    );
    const locked = fakeSafeStorage({ isEncryptionAvailable: () => false });
    await expect(loadOrCreateHostDeviceKey({ file, safeStorage: locked })).rejects.toThrow(
      /keychain is not available/,
    );
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('refuses a key file whose private key does not match its public key', async () => {
    await loadOrCreateHostDeviceKey({ file, safeStorage: fakeSafeStorage() });
    const stored = JSON.parse(await readFile(file, 'utf8'));
    stored.publicKey = Buffer.alloc(32, 7).toString('base64');
    await writeFile(file, JSON.stringify(stored));
    await expect(
      loadOrCreateHostDeviceKey({ file, safeStorage: fakeSafeStorage() }),
    ).rejects.toThrow(/does not match/);
  });
});

describe('createDeviceKeyService', () => {
  it('loads once for concurrent requests and signs', async () => {
    const load = vi.fn(() => loadOrCreateHostDeviceKey({ file, safeStorage: fakeSafeStorage() }));
    const service = createDeviceKeyService(load);
    const [a, b] = await Promise.all([service.publicKey(), service.publicKey()]);
    expect(load).toHaveBeenCalledOnce();
    expect(a).toEqual(b);
    expect(await verifySignature(a!, await service.sign(data), data)).toBe(true);
  });

  it('answers null and refuses to sign when the host keeps no key', async () => {
    const service = createDeviceKeyService(async () => null);
    expect(await service.publicKey()).toBeNull();
    await expect(service.sign(data)).rejects.toThrow(/no host signing key/);
  });

  it('tries again after a failure', async () => {
    const load = vi
      .fn<() => Promise<null>>()
      .mockRejectedValueOnce(new Error('keychain locked'))
      .mockResolvedValueOnce(null);
    const service = createDeviceKeyService(load);
    await expect(service.publicKey()).rejects.toThrow('keychain locked');
    expect(await service.publicKey()).toBeNull();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('loads afresh after forgetting the key it held (a wipe deleted the file)', async () => {
    const load = vi
      .fn<() => Promise<{ publicKey: Uint8Array; sign: () => Uint8Array } | null>>()
      .mockResolvedValueOnce({
        publicKey: new Uint8Array(32).fill(1),
        sign: () => new Uint8Array(),
      })
      .mockResolvedValueOnce(null);
    const service = createDeviceKeyService(load);
    expect(await service.publicKey()).toEqual(new Uint8Array(32).fill(1));
    service.forget();
    expect(await service.publicKey()).toBeNull();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
