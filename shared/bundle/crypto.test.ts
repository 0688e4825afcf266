import { execFile } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BundleError } from './bundleError.ts';
import {
  decryptWithPassphrase,
  encryptWithPassphrase,
  fingerprint,
  fromBase64,
  fromHex,
  generateDeviceKeyPair,
  PASSPHRASE_KDF,
  publicKeyPem,
  sha256,
  sha256Hex,
  signerFromKey,
  toBase64,
  toHex,
  verifySignature,
  type PassphraseEnvelope,
} from './crypto.ts';

const seed = Number(process.env.FC_SEED ?? 42);
console.log(`crypto.test.ts: fast-check seed ${seed} (set FC_SEED to change)`);

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const WEAK = { testOnlyAllowWeakKdf: true, iterations: 1000 } as const;

async function expectBundleError(promise: Promise<unknown>, code: string): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleError);
  expect((error as BundleError).code).toBe(code);
}

describe('hashes, hex and base64', () => {
  it('hashes like sha256sum', async () => {
    expect(await sha256Hex(bytes('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(await sha256(new Uint8Array())).toEqual(
      fromHex('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
    );
  });

  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes %j as the RFC 4648 vector %j', (plain, encoded) => {
    expect(toBase64(bytes(plain))).toBe(encoded);
    expect(fromBase64(encoded)).toEqual(bytes(plain));
  });

  it.each([
    'Zg',
    'Zg=',
    'Zh==',
    'Zm9=',
    'Zm 9v',
    'Zm9v\n',
    '-_8=',
    '====',
    'A===',
    'Zg==Zg==',
    'Z=g=',
  ])('refuses the base64 %j', (text) => {
    expect(() => fromBase64(text)).toThrow(TypeError);
  });

  it.each(['0', 'zz', '0x00', ' 00', '00 ', 'é0'])('refuses the hex %j', (text) => {
    expect(() => fromHex(text)).toThrow(TypeError);
  });

  it('round-trips any bytes, and agrees with Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (data) => {
        const b64 = toBase64(data);
        expect(b64).toBe(Buffer.from(data).toString('base64'));
        expect(fromBase64(b64)).toEqual(data);
        expect(toHex(data)).toBe(Buffer.from(data).toString('hex'));
        expect(fromHex(toHex(data).toUpperCase())).toEqual(data);
      }),
      { seed, numRuns: 300 },
    );
  });
});

describe('device keys', () => {
  it('signs and verifies, with a private key that cannot be exported', async () => {
    const pair = await generateDeviceKeyPair();
    expect(pair.publicKey).toHaveLength(32);
    expect(pair.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', pair.privateKey as CryptoKey)).rejects.toThrow();
    const signer = signerFromKey(pair.privateKey, pair.publicKey);
    const data = bytes('{"formatVersion":1}');
    const signature = await signer.sign(data);
    expect(signature).toHaveLength(64);
    expect(await verifySignature(signer.publicKey, signature, data)).toBe(true);
  });

  it('refuses altered data, signatures and keys', async () => {
    const pair = await generateDeviceKeyPair();
    const other = await generateDeviceKeyPair();
    const data = bytes('manifest');
    const signature = await signerFromKey(pair.privateKey, pair.publicKey).sign(data);
    const flipped = (b: Uint8Array, i: number) => b.map((x, j) => (j === i ? x ^ 1 : x));
    expect(await verifySignature(pair.publicKey, signature, bytes('manifesT'))).toBe(false);
    expect(await verifySignature(pair.publicKey, flipped(signature, 10), data)).toBe(false);
    expect(await verifySignature(other.publicKey, signature, data)).toBe(false);
    expect(await verifySignature(flipped(pair.publicKey, 0), signature, data)).toBe(false);
  });

  it('answers false, never throws, for malformed keys and signatures', async () => {
    const pair = await generateDeviceKeyPair();
    const data = bytes('x');
    const signature = await signerFromKey(pair.privateKey, pair.publicKey).sign(data);
    expect(await verifySignature(pair.publicKey.subarray(1), signature, data)).toBe(false);
    expect(await verifySignature(new Uint8Array(32).fill(0xff), signature, data)).toBe(false);
    expect(await verifySignature(pair.publicKey, signature.subarray(1), data)).toBe(false);
    expect(await verifySignature(pair.publicKey, new Uint8Array(), data)).toBe(false);
    const notBytes = 'key' as unknown as Uint8Array;
    expect(await verifySignature(notBytes, signature, data)).toBe(false);
  });

  it('verifies RFC 8032 test vector 1', async () => {
    const publicKey = fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const signature = fromHex(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    expect(await verifySignature(publicKey, signature, new Uint8Array())).toBe(true);
  });

  it('refuses to build a signer from the wrong kind of key', async () => {
    const pair = await generateDeviceKeyPair();
    expect(() => signerFromKey(pair.privateKey, pair.publicKey.subarray(2))).toThrow(TypeError);
    const aes = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
    ]);
    expect(() => signerFromKey(aes, pair.publicKey)).toThrow(TypeError);
  });

  it('fingerprints as 5 groups of 8 upper-case hex digits of SHA-256 of the raw key', async () => {
    const key = fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const expected = createHash('sha256').update(key).digest('hex').slice(0, 40).toUpperCase();
    const print = await fingerprint(key);
    expect(print).toMatch(/^[0-9A-F]{8}( [0-9A-F]{8}){4}$/);
    expect(print.replaceAll(' ', '')).toBe(expected);
    expect(await fingerprint(key.slice())).toBe(print);
    await expect(fingerprint(key.subarray(1))).rejects.toThrow(TypeError);
  });

  it('writes a PEM that Node reads as the same Ed25519 key', async () => {
    const { publicKey } = await generateDeviceKeyPair();
    const pem = publicKeyPem(publicKey);
    expect(pem).toMatch(
      /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=]{60}\n-----END PUBLIC KEY-----\n$/,
    );
    const key = createPublicKey(pem);
    expect(key.asymmetricKeyType).toBe('ed25519');
    expect(new Uint8Array(key.export({ format: 'der', type: 'spki' }).subarray(12))).toEqual(
      publicKey,
    );
  });

  const openssl = '/usr/bin/openssl';
  const hasOpenssl = existsSync(openssl);
  if (!hasOpenssl) console.log(`crypto.test.ts: skipping the openssl check: no ${openssl}`);

  it.skipIf(!hasOpenssl)('has signatures `openssl pkeyutl -verify` accepts', async () => {
    const run = promisify(execFile);
    const dir = await mkdtemp(path.join(tmpdir(), 'daftar-crypto-'));
    try {
      const pair = await generateDeviceKeyPair();
      const signer = signerFromKey(pair.privateKey, pair.publicKey);
      const manifest = bytes('{"files":{"changes.json":"ab12"},"formatVersion":1}\n');
      const files = {
        key: path.join(dir, 'key.pem'),
        manifest: path.join(dir, 'manifest.json'),
        sig: path.join(dir, 'manifest.sig'),
        other: path.join(dir, 'other.json'),
      };
      await writeFile(files.key, publicKeyPem(pair.publicKey));
      await writeFile(files.manifest, manifest);
      await writeFile(files.sig, await signer.sign(manifest));
      await writeFile(files.other, bytes('{"files":{},"formatVersion":1}\n'));
      const verify = (input: string) =>
        run(openssl, [
          'pkeyutl', '-verify', '-pubin', '-inkey', files.key, '-rawin', '-in', input,
          '-sigfile', files.sig,
        ]); // prettier-ignore
      const { stdout } = await verify(files.manifest);
      expect(stdout).toContain('Signature Verified Successfully');
      await expect(verify(files.other)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('passphrase encryption', () => {
  const plain = bytes('changes and attachments');

  it('round-trips with a fresh salt and IV each time', async () => {
    const a = await encryptWithPassphrase(plain, 'correct horse', WEAK);
    const b = await encryptWithPassphrase(plain, 'correct horse', WEAK);
    expect(a).toMatchObject({ kdf: 'PBKDF2-SHA256', iterations: 1000 });
    expect(a.salt).toHaveLength(16);
    expect(a.iv).toHaveLength(12);
    expect(a.ciphertext).toHaveLength(plain.length + 16);
    expect(a.salt).not.toEqual(b.salt);
    expect(a.iv).not.toEqual(b.iv);
    expect(await decryptWithPassphrase(a, 'correct horse', undefined, WEAK)).toEqual(plain);
  });

  it('uses the real 600,000 iterations by default, in well under 2 s', async () => {
    const started = performance.now();
    const envelope = await encryptWithPassphrase(plain, 'رمز عبور');
    const decrypted = await decryptWithPassphrase(envelope, 'رمز عبور');
    const ms = performance.now() - started;
    console.log(
      `crypto.test.ts: 600,000 PBKDF2 iterations, encrypt + decrypt: ${ms.toFixed(0)} ms`,
    );
    expect(envelope.iterations).toBe(PASSPHRASE_KDF.iterations);
    expect(decrypted).toEqual(plain);
    expect(ms / 2).toBeLessThan(2000);
  });

  it('gives wrongPassphrase for a wrong passphrase or altered bytes', async () => {
    const envelope = await encryptWithPassphrase(plain, 'secret', WEAK);
    const decrypt = (e: PassphraseEnvelope, passphrase = 'secret') =>
      decryptWithPassphrase(e, passphrase, undefined, WEAK);
    const flip = (b: Uint8Array, i: number) => b.map((x, j) => (j === i ? x ^ 0x80 : x));
    await expectBundleError(decrypt(envelope, 'Secret'), 'wrongPassphrase');
    await expectBundleError(
      decrypt({ ...envelope, ciphertext: flip(envelope.ciphertext, 0) }),
      'wrongPassphrase',
    );
    const lastByte = envelope.ciphertext.length - 1;
    await expectBundleError(
      decrypt({ ...envelope, ciphertext: flip(envelope.ciphertext, lastByte) }),
      'wrongPassphrase',
    );
    await expectBundleError(decrypt({ ...envelope, iv: flip(envelope.iv, 3) }), 'wrongPassphrase');
    await expectBundleError(
      decrypt({ ...envelope, salt: flip(envelope.salt, 3) }),
      'wrongPassphrase',
    );
    await expectBundleError(decrypt({ ...envelope, iterations: 1001 }), 'wrongPassphrase');
  });

  it('authenticates the additional data', async () => {
    const header = bytes('{"formatVersion":1}');
    const envelope = await encryptWithPassphrase(plain, 'secret', {
      ...WEAK,
      additionalData: header,
    });
    const decrypt = (aad?: Uint8Array) => decryptWithPassphrase(envelope, 'secret', aad, WEAK);
    expect(await decrypt(header)).toEqual(plain);
    await expectBundleError(decrypt(bytes('{"formatVersion":2}')), 'wrongPassphrase');
    await expectBundleError(decrypt(), 'wrongPassphrase');
  });

  it('reads the passphrase as NFC, so composed and decomposed letters agree', async () => {
    const composed = 'caf\u00e9 آب';
    const decomposed = 'cafe\u0301 \u0627\u0653ب';
    expect(composed).not.toBe(decomposed);
    const envelope = await encryptWithPassphrase(plain, composed, WEAK);
    expect(await decryptWithPassphrase(envelope, decomposed, undefined, WEAK)).toEqual(plain);
  });

  it('refuses out-of-range parameters with invalidEncryption before deriving a key', async () => {
    const envelope = await encryptWithPassphrase(plain, 'secret', WEAK);
    const decrypt = (patch: Partial<PassphraseEnvelope>, options = WEAK) =>
      decryptWithPassphrase(
        { ...envelope, ...patch } as PassphraseEnvelope,
        'secret',
        undefined,
        options,
      );
    await expectBundleError(decrypt({}, {} as typeof WEAK), 'invalidEncryption');
    await expectBundleError(
      decrypt({ iterations: 599_999 }, {} as typeof WEAK),
      'invalidEncryption',
    );
    await expectBundleError(decrypt({ iterations: 10_000_001 }), 'invalidEncryption');
    await expectBundleError(decrypt({ iterations: 1.5 }), 'invalidEncryption');
    await expectBundleError(decrypt({ iterations: 0 }), 'invalidEncryption');
    await expectBundleError(decrypt({ salt: envelope.salt.subarray(1) }), 'invalidEncryption');
    await expectBundleError(decrypt({ iv: new Uint8Array(16) }), 'invalidEncryption');
    await expectBundleError(decrypt({ ciphertext: new Uint8Array(15) }), 'invalidEncryption');
    await expectBundleError(decrypt({ kdf: 'scrypt' as 'PBKDF2-SHA256' }), 'invalidEncryption');
  });

  it('refuses weak settings on the default path, and an empty passphrase', async () => {
    await expectBundleError(
      encryptWithPassphrase(plain, 'secret', { iterations: 1000 }),
      'invalidEncryption',
    );
    await expectBundleError(encryptWithPassphrase(plain, '', WEAK), 'passphraseRequired');
    const envelope = await encryptWithPassphrase(plain, 'secret', WEAK);
    await expectBundleError(decryptWithPassphrase(envelope, 'secret'), 'invalidEncryption');
    await expectBundleError(
      decryptWithPassphrase(envelope, '', undefined, WEAK),
      'passphraseRequired',
    );
  });
});
