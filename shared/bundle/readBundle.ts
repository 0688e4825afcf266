/**
 * Opening a bundle: every check runs here, before anything is written. The archive's structure
 * and limits (zip.ts), decryption when the bundle is encrypted, the manifest's format version,
 * its signature by the device key it names, the hash and size of every file it lists (and no
 * file it does not), then every change set, custody entry and attachment reference. Anything
 * wrong fails with a BundleError naming the problem; a bundle that passes is safe to merge.
 */
import { z } from 'zod';
import { custodyEntrySchema, type CustodyEntry } from '../domain/custody.ts';
import {
  editsImmutableField,
  hasEveryField,
  IMMUTABLE_FIELDS,
  RECORD_KINDS,
  validateChangeFields,
  validateRecord,
} from '../domain/records.ts';
import { isReviewWork } from '../domain/reviewWork.ts';
import { DELETED_FIELD, type ChangeSet } from '../sync/changes.ts';
import { decodeHlc, MAX_DRIFT_MS, MAX_PLAUSIBLE_COUNTER } from '../sync/hlc.ts';
import { utf8DecodeStrict, utf8Encode } from '../util/utf8.ts';
import { BundleError } from './bundleError.ts';
import {
  decryptWithPassphrase,
  ED25519_SIGNATURE_BYTES,
  fingerprint,
  fromBase64,
  sha256Hex,
  verifySignature,
  type PassphraseOptions,
} from './crypto.ts';
import { parseJsonText, type JsonLimits } from './jsonText.ts';
import {
  attachmentPath,
  BUNDLE_FILES,
  ENCRYPTED_BUNDLE_FORMAT,
  ENCRYPTED_FORMAT_VERSION,
  ENCRYPTION_AAD,
  encryptionHeaderSchema,
  manifestSchema,
  type BundleManifest,
} from './manifest.ts';
import { checkVersion, upgradeManifest } from './upgrade.ts';
import { coverage, recordCounts, type BundleContent } from './writeBundle.ts';
import { openZip, type ZipFile, type ZipReadOptions } from './zip.ts';

export const BUNDLE_JSON_LIMITS = {
  manifest: { maxBytes: 64 * 1024 ** 2, maxDepth: 8 },
  line: { maxBytes: 8 * 1024 ** 2, maxDepth: 12 },
} as const satisfies Record<string, JsonLimits>;

export interface ReadBundleOptions extends Pick<ZipReadOptions, 'limits' | 'signal' | 'pause'> {
  passphrase?: string;
  testOnlyAllowWeakKdf?: PassphraseOptions['testOnlyAllowWeakKdf'];
  /** Wall-clock ms: change clocks more than a day ahead of it are refused. */
  now: number;
  onProgress?: (stage: 'archive' | 'hashes' | 'changes', done: number, total: number) => void;
}

export interface OpenedBundle extends BundleContent {
  manifest: BundleManifest;
  /** The signer's key fingerprint (crypto.ts `fingerprint`). */
  fingerprint: string;
  publicKey: Uint8Array;
  encrypted: boolean;
}

const recordId = z.string().regex(/^[A-Za-z0-9_~.:-]{1,129}$/);
const clock = z.string().max(100);
const changeSetShape = z
  .object({
    hlc: clock,
    kind: z.enum(RECORD_KINDS),
    recordId,
    device: z.string().max(64),
    author: z.string().max(300),
    fields: z.record(z.string().max(100), z.unknown()),
    base: z.record(z.string().max(100), z.array(clock).max(10_000)).optional(),
  })
  .strict();

export async function readBundle(
  bytes: Uint8Array,
  options: ReadBundleOptions,
): Promise<OpenedBundle> {
  const zipOptions = {
    limits: options.limits,
    signal: options.signal,
    pause: options.pause,
    onProgress: (done: number, total: number) => options.onProgress?.('archive', done, total),
  };
  // Nothing is inflated before the signature and the stored bytes' hashes are checked.
  const outer = openZip(bytes, zipOptions);
  const encrypted = outer.has(BUNDLE_FILES.encryption);
  // The ciphertext's reading is not shown as progress: the inner archive's follows.
  const quiet = { ...zipOptions, onProgress: undefined };
  const archive = encrypted
    ? openZip(await decrypt(openZip(bytes, quiet), options), zipOptions)
    : outer;
  const manifestBytes = await uncompressed(archive, BUNDLE_FILES.manifest);
  if (manifestBytes === undefined) {
    throw new BundleError('missingFile', 'The bundle has no manifest.json.', {
      name: BUNDLE_FILES.manifest,
    });
  }
  const signature = await uncompressed(archive, BUNDLE_FILES.signature);
  if (signature === undefined || signature.byteLength !== ED25519_SIGNATURE_BYTES) {
    throw new BundleError('missingSignature', 'The bundle has no valid manifest.sig signature.');
  }
  const upgraded = upgradeManifest(
    parseJsonText(
      text(manifestBytes, 'manifest.json'),
      'manifest.json',
      BUNDLE_JSON_LIMITS.manifest,
    ),
  );
  const manifest = parse(manifestSchema, upgraded, 'invalidManifest', 'manifest.json');
  const publicKey = fromBase64(manifest.device.publicKey);
  if (!(await verifySignature(publicKey, signature, manifestBytes))) {
    throw new BundleError(
      'badSignature',
      `The signature does not match the manifest and the key of device ${manifest.device.id}.`,
      { device: manifest.device.id },
    );
  }
  const entries = await checkFiles(manifest, archive, options);

  const changes = await parseChanges(entries.get(BUNDLE_FILES.changes)!, options);
  const custody = await parseLines(
    entries.get(BUNDLE_FILES.custody)!,
    BUNDLE_FILES.custody,
    (v, where) => parse(custodyEntrySchema, v, 'invalidChange', where),
    options,
  );
  checkCounts(manifest, changes, custody);
  checkScope(manifest, changes, custody);
  const attachments = checkAttachments(manifest, entries, changes);
  return {
    manifest,
    changes,
    custody,
    attachments,
    fingerprint: await fingerprint(publicKey),
    publicKey,
    encrypted,
  };
}

async function decrypt(
  outer: Map<string, ZipFile>,
  options: ReadBundleOptions,
): Promise<Uint8Array> {
  const names = [...outer.keys()].sort();
  if (names.join() !== [BUNDLE_FILES.encrypted, BUNDLE_FILES.encryption].sort().join()) {
    throw new BundleError(
      'unexpectedFile',
      `An encrypted bundle holds only encryption.json and bundle.enc, not ${names.join(', ')}.`,
    );
  }
  const headerJson = parseJsonText(
    text(await outer.get(BUNDLE_FILES.encryption)!.read(), 'encryption.json'),
    'encryption.json',
    BUNDLE_JSON_LIMITS.manifest,
  );
  if (
    typeof headerJson === 'object' &&
    headerJson !== null &&
    (headerJson as { format?: unknown }).format === ENCRYPTED_BUNDLE_FORMAT
  ) {
    checkVersion((headerJson as { version?: unknown }).version, ENCRYPTED_FORMAT_VERSION);
  }
  const header = parse(encryptionHeaderSchema, headerJson, 'invalidEncryption', 'encryption.json');
  if (options.passphrase === undefined || options.passphrase === '') {
    throw new BundleError('passphraseRequired', 'This bundle is encrypted: enter its passphrase.');
  }
  return decryptWithPassphrase(
    {
      kdf: header.kdf,
      iterations: header.iterations,
      salt: fromBase64(header.salt),
      iv: fromBase64(header.iv),
      ciphertext: await outer.get(BUNDLE_FILES.encrypted)!.read(),
    },
    options.passphrase,
    utf8Encode(ENCRYPTION_AAD),
    options.testOnlyAllowWeakKdf ? { testOnlyAllowWeakKdf: true } : {},
  );
}

/** The content of an entry that must be stored uncompressed (read only once it is known so). */
async function uncompressed(
  archive: Map<string, ZipFile>,
  name: string,
): Promise<Uint8Array | undefined> {
  const entry = archive.get(name);
  if (entry === undefined) return undefined;
  if (!entry.uncompressed) {
    throw new BundleError('zipStructure', `${name} must be stored uncompressed.`, { name });
  }
  return entry.read();
}

/**
 * Every file the signed manifest lists, and nothing else, with the SHA-256 of its stored bytes
 * checked before it is inflated and of its content after; the contents by name.
 */
async function checkFiles(
  manifest: BundleManifest,
  archive: Map<string, ZipFile>,
  options: ReadBundleOptions,
): Promise<Map<string, Uint8Array>> {
  const listed = Object.keys(manifest.files);
  for (const name of archive.keys()) {
    if (name === BUNDLE_FILES.manifest || name === BUNDLE_FILES.signature) continue;
    if (!Object.hasOwn(manifest.files, name)) {
      throw new BundleError('unexpectedFile', `${name} is in the bundle but not in its manifest.`, {
        name,
      });
    }
  }
  for (const name of [BUNDLE_FILES.changes, BUNDLE_FILES.custody, ...listed]) {
    if (!archive.has(name)) {
      throw new BundleError('missingFile', `${name} is missing from the bundle.`, { name });
    }
  }
  const mismatch = (name: string) =>
    new BundleError('hashMismatch', `${name} does not match its SHA-256 in the manifest.`, {
      name,
    });
  let done = 0;
  for (const name of listed) {
    options.signal?.throwIfAborted();
    const { stored, size } = archive.get(name)!;
    const expected = manifest.files[name]!;
    if (size !== expected.size || (await sha256Hex(stored)) !== expected.stored)
      throw mismatch(name);
    options.onProgress?.('hashes', ++done, listed.length);
  }
  const contents = new Map<string, Uint8Array>();
  for (const name of listed) {
    const data = await archive.get(name)!.read();
    if ((await sha256Hex(data)) !== manifest.files[name]!.sha256) throw mismatch(name);
    contents.set(name, data);
  }
  return contents;
}

function parseChanges(bytes: Uint8Array, options: ReadBundleOptions): Promise<ChangeSet[]> {
  const seen = new Set<string>();
  const latestAllowed = options.now + MAX_DRIFT_MS;
  return parseLines(
    bytes,
    BUNDLE_FILES.changes,
    (value, where) => {
      const set = parse(changeSetShape, value, 'invalidChange', where);
      let wall: number;
      let device: string;
      let counter: number;
      try {
        ({ wall, device, counter } = decodeHlc(set.hlc));
      } catch {
        throw invalid(where, `the clock ${set.hlc} is malformed`);
      }
      if (counter > MAX_PLAUSIBLE_COUNTER) {
        throw invalid(where, `the clock ${set.hlc} has an implausible counter`);
      }
      const idProblem = recordIdProblem(set.kind, set.recordId, set.fields);
      if (idProblem) throw invalid(where, idProblem);
      if (device !== set.device) throw invalid(where, 'the device does not match the clock');
      if (wall > latestAllowed) {
        throw new BundleError(
          'clockAhead',
          `${where}: the change is dated more than a day ahead of this computer's clock; check the date and time of both computers.`,
          { where },
        );
      }
      if (seen.has(set.hlc)) {
        throw new BundleError('duplicateChange', `${where}: the clock ${set.hlc} appears twice.`, {
          where,
        });
      }
      seen.add(set.hlc);
      const fields = validateChangeFields(set.kind, set.fields);
      if (!fields.ok) {
        const issue = fields.issues[0]!;
        throw invalid(
          where,
          `the ${set.kind} field "${issue.field}" is not valid (${issue.message})`,
        );
      }
      if (editsImmutableField(set.kind, fields.value)) {
        throw invalid(where, `it changes what the ${set.kind} is about after it was made`);
      }
      // What is fixed at creation can never be corrected later, so the rules between those fields
      // (an annotation's passage only in quotable text, none on a reply) must hold as it is made.
      if (IMMUTABLE_FIELDS[set.kind] !== undefined && hasEveryField(set.kind, fields.value)) {
        const whole = validateRecord(set.kind, fields.value);
        if (!whole.ok) {
          const issue = whole.issues[0]!;
          throw invalid(
            where,
            `the new ${set.kind}'s ${issue.field} is not valid (${issue.message})`,
          );
        }
      }
      for (const [field, replaced] of Object.entries(set.base ?? {})) {
        if (!Object.hasOwn(set.fields, field) || field === DELETED_FIELD) {
          throw invalid(where, `base names ${field}, which the change does not write`);
        }
        for (const h of replaced) {
          try {
            decodeHlc(h);
          } catch {
            throw invalid(where, `base clock ${h} is malformed`);
          }
          if (h >= set.hlc) throw invalid(where, `base clock ${h} is not older than the change`);
        }
      }
      // The validated fields, not the raw ones: nested keys zod does not know are dropped.
      return { ...set, fields: fields.value } as ChangeSet;
    },
    options,
  );
}

/** Lines between two pauses (progress, cancellation, a responsive window). */
const LINES_PER_PAUSE = 2_000;

async function parseLines<T>(
  bytes: Uint8Array,
  name: string,
  each: (value: unknown, where: string) => T,
  options: Pick<ReadBundleOptions, 'pause' | 'signal' | 'onProgress'>,
): Promise<T[]> {
  const content = text(bytes, name);
  if (content === '') return [];
  if (!content.endsWith('\n')) {
    throw new BundleError('invalidJson', `${name} does not end with a line break.`, {
      where: name,
    });
  }
  const out: T[] = [];
  let start = 0;
  let line = 0;
  while (start < content.length) {
    const end = content.indexOf('\n', start);
    const where = `${name} line ${++line}`;
    out.push(each(parseJsonText(content.slice(start, end), where, BUNDLE_JSON_LIMITS.line), where));
    start = end + 1;
    if (line % LINES_PER_PAUSE === 0) {
      options.signal?.throwIfAborted();
      options.onProgress?.('changes', start, content.length);
      await options.pause?.();
    }
  }
  return out;
}

function checkCounts(manifest: BundleManifest, changes: ChangeSet[], custody: CustodyEntry[]) {
  const counts = manifest.counts;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const covers = coverage(changes);
  const sortedKeys = (o: object) => Object.fromEntries(Object.entries(o).sort());
  if (
    counts.changeSets !== changes.length ||
    counts.custody !== custody.length ||
    counts.attachments !== Object.keys(manifest.attachments).length ||
    !same(counts.records, recordCounts(changes)) ||
    !same(sortedKeys(manifest.covers), sortedKeys(covers))
  ) {
    throw new BundleError(
      'invalidManifest',
      'The manifest’s counts or coverage do not match the bundle’s contents.',
    );
  }
  const ids = new Set<string>();
  for (const entry of custody) {
    if (ids.has(entry.id)) {
      throw new BundleError('duplicateChange', `Custody entry ${entry.id} appears twice.`);
    }
    ids.add(entry.id);
  }
}

/**
 * A bundle that says it holds one device's review work holds nothing else — no content edits,
 * no other device's change sets or custody entries — so its scope can be shown as it is.
 */
function checkScope(manifest: BundleManifest, changes: ChangeSet[], custody: CustodyEntry[]) {
  const { scope } = manifest;
  if (scope.kind !== 'review') return;
  const stray =
    changes.find((set) => !isReviewWork(set, scope.device))?.hlc ??
    custody.find((entry) => entry.device !== scope.device)?.id;
  if (stray !== undefined) {
    throw new BundleError(
      'invalidManifest',
      `The bundle says it holds only the review work of device ${scope.device}, but ${stray} is not.`,
      { where: stray },
    );
  }
}

function checkAttachments(
  manifest: BundleManifest,
  entries: Map<string, Uint8Array>,
  changes: ChangeSet[],
): BundleContent['attachments'] {
  for (const name of Object.keys(manifest.files)) {
    if (name === BUNDLE_FILES.changes || name === BUNDLE_FILES.custody) continue;
    const sha = name.slice(BUNDLE_FILES.attachmentPrefix.length);
    if (attachmentPath(sha) !== name || !Object.hasOwn(manifest.attachments, sha)) {
      throw new BundleError('unexpectedFile', `${name} is not a file a bundle may hold.`, { name });
    }
    if (manifest.files[name]!.sha256 !== sha) {
      throw new BundleError('invalidAttachment', `${name} is not named by its own SHA-256.`, {
        name,
      });
    }
  }
  for (const sha of Object.keys(manifest.attachments)) {
    if (!entries.has(attachmentPath(sha))) {
      throw new BundleError(
        'missingAttachment',
        `The manifest lists a file (SHA-256 ${sha}) the bundle does not contain.`,
        { sha256: sha },
      );
    }
  }
  for (const change of changes) {
    const refs = (change.fields as { attachments?: { sha256: string }[] }).attachments;
    if (change.kind !== 'source' || refs === undefined) continue;
    for (const ref of refs) {
      if (!entries.has(attachmentPath(ref.sha256))) {
        throw new BundleError(
          'missingAttachment',
          `Source ${change.recordId} refers to a file (SHA-256 ${ref.sha256}) the bundle does not contain.`,
          { sha256: ref.sha256, source: change.recordId },
        );
      }
    }
  }
  return Object.entries(manifest.attachments).map(([sha256, { mediaType }]) => ({
    sha256,
    mediaType,
    data: entries.get(attachmentPath(sha256))!,
  }));
}

/**
 * Why a record id cannot be stored, or null: ids are at most 64 characters (links: the two ids
 * they join, `incident~source`, matching the link's own fields), and never `new`, which names the
 * form for a new record in the app's addresses.
 */
function recordIdProblem(kind: string, id: string, fields: Record<string, unknown>): string | null {
  if (id === 'new') return 'the record id "new" is reserved';
  if (kind !== 'link')
    return id.length > 64 || id.includes('~') ? `the ${kind} id is not valid` : null;
  const [incidentId, sourceId, ...rest] = id.split('~');
  if (
    !incidentId ||
    !sourceId ||
    rest.length > 0 ||
    incidentId.length > 64 ||
    sourceId.length > 64
  ) {
    return 'a link id must join an incident id and a source id';
  }
  if (
    (fields.incidentId !== undefined && fields.incidentId !== incidentId) ||
    (fields.sourceId !== undefined && fields.sourceId !== sourceId)
  ) {
    return 'the link id does not match the incident and source it joins';
  }
  return null;
}

function text(bytes: Uint8Array, name: string): string {
  try {
    return utf8DecodeStrict(bytes);
  } catch {
    throw new BundleError('invalidUtf8', `${name} is not valid UTF-8 text.`, { name });
  }
}

function parse<T>(
  schema: z.ZodType<T>,
  value: unknown,
  code: 'invalidManifest' | 'invalidChange' | 'invalidEncryption',
  where: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.') || '(top level)';
  throw new BundleError(code, `${where}: ${path}: ${issue.message}`, { where, path });
}

function invalid(where: string, why: string): BundleError {
  return new BundleError('invalidChange', `${where}: ${why}.`, { where });
}
