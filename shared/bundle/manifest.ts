/**
 * The manifest of a bundle, format version 3 (docs/bundle-format.md describes it for other
 * programs). It names the exporter and its device key, says what the bundle covers, and lists
 * the SHA-256 and size of every other file; the device key signs its exact bytes.
 */
import { z } from 'zod';
import { RECORD_KINDS } from '../domain/records.ts';

export const BUNDLE_FORMAT = 'daftar-bundle';
/**
 * 2: annotations (a record kind), statuses of sources, review-only bundles, custody of files.
 * 3: incidents' `externalId` and `mergedFrom` (an older app would refuse those fields).
 */
export const BUNDLE_FORMAT_VERSION = 3;
export const ENCRYPTED_BUNDLE_FORMAT = 'daftar-bundle-encrypted';
/** The encrypted envelope has its own version: it did not change when the bundle format did. */
export const ENCRYPTED_FORMAT_VERSION = 1;

/** File names inside a bundle. */
export const BUNDLE_FILES = {
  manifest: 'manifest.json',
  signature: 'manifest.sig',
  changes: 'changes.ndjson',
  custody: 'custody.ndjson',
  attachmentPrefix: 'attachments/',
  encryption: 'encryption.json',
  encrypted: 'bundle.enc',
} as const;

export const attachmentPath = (sha256: string): string =>
  `${BUNDLE_FILES.attachmentPrefix}${sha256}`;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
const hlc = z.string().max(100);
const count = z.number().int().min(0).max(1e9);
const deviceId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const bundleScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('incidents'), incidents: count }).strict(),
  z.object({ kind: z.literal('unseenBy'), teammate: deviceId }).strict(),
  /** One device's annotations and status steps, nothing else (format 2; see reviewWork.ts). */
  z.object({ kind: z.literal('review'), device: deviceId }).strict(),
]);
export type BundleScope = z.infer<typeof bundleScopeSchema>;

export const manifestSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_FORMAT_VERSION),
    bundleId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    createdAt: z.iso.datetime(),
    app: z.string().max(100),
    author: z.string().max(300),
    device: z.object({ id: deviceId, publicKey: base64.length(44) }).strict(),
    scope: bundleScopeSchema,
    /** Per device whose change sets the bundle carries: how many, first and last clock. */
    covers: z.record(deviceId, z.object({ count, first: hlc, last: hlc }).strict()),
    counts: z
      .object({
        changeSets: count,
        records: z.object(Object.fromEntries(RECORD_KINDS.map((k) => [k, count]))).strict(),
        custody: count,
        attachments: count,
      })
      .strict(),
    files: z.record(
      z.string().max(255),
      z
        .object({
          sha256: hex64,
          size: z
            .number()
            .int()
            .min(0)
            .max(2 ** 32),
          /** SHA-256 of the entry's bytes as stored in the archive (compressed or not). */
          stored: hex64,
        })
        .strict(),
    ),
    attachments: z.record(hex64, z.object({ mediaType: z.string().max(200) }).strict()),
  })
  .strict();

export type BundleManifest = z.infer<typeof manifestSchema>;

export const encryptionHeaderSchema = z
  .object({
    format: z.literal(ENCRYPTED_BUNDLE_FORMAT),
    version: z.literal(ENCRYPTED_FORMAT_VERSION),
    cipher: z.literal('AES-256-GCM'),
    kdf: z.literal('PBKDF2-SHA256'),
    iterations: z.number().int(),
    salt: base64,
    iv: base64,
  })
  .strict();

export type EncryptionHeader = z.infer<typeof encryptionHeaderSchema>;

/** Authenticated with the ciphertext, so an encrypted bundle cannot pass for another format. */
export const ENCRYPTION_AAD = 'daftar-bundle-encrypted/v1';
