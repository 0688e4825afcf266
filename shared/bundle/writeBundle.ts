/**
 * Making a bundle: the change sets, custody entries and attachments as files, a manifest with
 * the hash of each, the device's signature of the manifest, all in one zip — and, when a
 * passphrase is given, that zip encrypted inside another (see docs/bundle-format.md).
 */
import type { CustodyEntry } from '../domain/custody.ts';
import { RECORD_KINDS } from '../domain/records.ts';
import type { ChangeSet } from '../sync/changes.ts';
import { utf8Encode } from '../util/utf8.ts';
import {
  encryptWithPassphrase,
  sha256Hex,
  toBase64,
  type DeviceSigner,
  type PassphraseOptions,
} from './crypto.ts';
import {
  attachmentPath,
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  ENCRYPTED_BUNDLE_FORMAT,
  ENCRYPTED_FORMAT_VERSION,
  ENCRYPTION_AAD,
  type BundleManifest,
  type BundleScope,
  type EncryptionHeader,
} from './manifest.ts';
import {
  prepareZipEntry,
  writeZip,
  type PreparedZipEntry,
  type ZipEntryInput,
  type ZipWriteOptions,
} from './zip.ts';

export interface BundleAttachment {
  sha256: string;
  mediaType: string;
  data: Uint8Array;
}

export interface BundleContent {
  changes: readonly ChangeSet[];
  custody: readonly CustodyEntry[];
  attachments: readonly BundleAttachment[];
}

export interface WriteBundleOptions extends Pick<ZipWriteOptions, 'signal' | 'pause' | 'level'> {
  bundleId: string;
  /** ISO timestamp. */
  createdAt: string;
  app: string;
  author: string;
  device: string;
  signer: DeviceSigner;
  scope: BundleScope;
  passphrase?: string;
  /** PBKDF2 iterations (default 600,000); fewer only with `testOnlyAllowWeakKdf`. */
  iterations?: number;
  testOnlyAllowWeakKdf?: PassphraseOptions['testOnlyAllowWeakKdf'];
  onProgress?: (done: number, total: number) => void;
}

export async function writeBundle(
  content: BundleContent,
  options: WriteBundleOptions,
): Promise<Uint8Array> {
  const changes = [...content.changes].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  const custody = [...content.custody].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const files: ZipEntryInput[] = [
    { name: BUNDLE_FILES.changes, data: ndjson(changes), compress: true },
    { name: BUNDLE_FILES.custody, data: ndjson(custody), compress: true },
  ];
  const attachments: BundleManifest['attachments'] = {};
  for (const a of [...content.attachments].sort((x, y) => (x.sha256 < y.sha256 ? -1 : 1))) {
    if (Object.hasOwn(attachments, a.sha256)) continue;
    attachments[a.sha256] = { mediaType: a.mediaType };
    files.push({ name: attachmentPath(a.sha256), data: a.data, compress: false });
  }
  options.signal?.throwIfAborted();

  const zipOptions = {
    level: options.level,
    signal: options.signal,
    pause: options.pause,
    onProgress: options.onProgress,
  };
  const prepared: PreparedZipEntry[] = [];
  const listed: BundleManifest['files'] = {};
  for (const file of files) {
    const entry = await prepareZipEntry(file, zipOptions);
    prepared.push(entry);
    listed[file.name] = {
      sha256: await sha256Hex(file.data),
      size: file.data.byteLength,
      stored: await sha256Hex(entry.stored),
    };
  }
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_FORMAT_VERSION,
    bundleId: options.bundleId,
    createdAt: options.createdAt,
    app: options.app,
    author: options.author,
    device: { id: options.device, publicKey: toBase64(options.signer.publicKey) },
    scope: options.scope,
    covers: coverage(changes),
    counts: {
      changeSets: changes.length,
      records: recordCounts(changes),
      custody: custody.length,
      attachments: Object.keys(attachments).length,
    },
    files: listed,
    attachments,
  };
  const manifestBytes = utf8Encode(`${JSON.stringify(manifest, null, 2)}\n`);
  const signature = await options.signer.sign(manifestBytes);
  // The manifest and its signature are stored as they are, so the signed bytes are the archive's.
  const zip = await writeZip(
    [
      { name: BUNDLE_FILES.manifest, data: manifestBytes, compress: false },
      { name: BUNDLE_FILES.signature, data: signature, compress: false },
      ...prepared,
    ],
    zipOptions,
  );
  if (options.passphrase === undefined) return zip;
  return encrypt(zip, options.passphrase, options);
}

async function encrypt(
  zip: Uint8Array,
  passphrase: string,
  options: WriteBundleOptions,
): Promise<Uint8Array> {
  const envelope = await encryptWithPassphrase(zip, passphrase, {
    additionalData: utf8Encode(ENCRYPTION_AAD),
    ...(options.iterations !== undefined ? { iterations: options.iterations } : {}),
    ...(options.testOnlyAllowWeakKdf ? { testOnlyAllowWeakKdf: true } : {}),
  });
  const header: EncryptionHeader = {
    format: ENCRYPTED_BUNDLE_FORMAT,
    version: ENCRYPTED_FORMAT_VERSION,
    cipher: 'AES-256-GCM',
    kdf: envelope.kdf,
    iterations: envelope.iterations,
    salt: toBase64(envelope.salt),
    iv: toBase64(envelope.iv),
  };
  return writeZip([
    {
      name: BUNDLE_FILES.encryption,
      data: utf8Encode(`${JSON.stringify(header, null, 2)}\n`),
      compress: false,
    },
    { name: BUNDLE_FILES.encrypted, data: envelope.ciphertext, compress: false },
  ]);
}

/** One JSON value per line (JSON.stringify escapes every line break inside a value). */
function ndjson(values: readonly unknown[]): Uint8Array {
  return utf8Encode(values.map((v) => `${JSON.stringify(v)}\n`).join(''));
}

export function coverage(changes: readonly ChangeSet[]): BundleManifest['covers'] {
  // No prototype: device ids key it (they are checked, but a map of ids should be one).
  const covers = Object.create(null) as BundleManifest['covers'];
  for (const change of changes) {
    const c = covers[change.device];
    if (!c) covers[change.device] = { count: 1, first: change.hlc, last: change.hlc };
    else {
      c.count++;
      if (change.hlc < c.first) c.first = change.hlc;
      if (change.hlc > c.last) c.last = change.hlc;
    }
  }
  return covers;
}

export function recordCounts(changes: readonly ChangeSet[]): BundleManifest['counts']['records'] {
  const ids = Object.fromEntries(RECORD_KINDS.map((k) => [k, new Set<string>()]));
  for (const change of changes) ids[change.kind]!.add(change.recordId);
  return Object.fromEntries(RECORD_KINDS.map((k) => [k, ids[k]!.size]));
}
