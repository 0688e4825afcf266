/**
 * The `.daftar` container: a small, strict subset of zip that this writer produces and this
 * reader accepts — nothing else. Ordinary zip tools (Info-ZIP `unzip`, Windows, macOS) open it,
 * but the reader is not a general zip reader and says so by refusing anything it would not write.
 *
 * Written: entries in the given order, each a local header (version 2.0, flag 0x0800 for UTF-8
 * names, a fixed 1980-01-01 00:00 timestamp, CRC-32 and both sizes, no extra field) followed by
 * its stored or deflated data, then a central directory repeating those fields (made by 2.0, no
 * comment, attributes 0), then the end record (no comment). No data descriptors, no zip64, no
 * encryption. The same entries always give the same bytes.
 *
 * Read: every byte of structure is checked against exactly that layout (zipDirectory.ts) before
 * anything is inflated, so a flipped bit anywhere in the headers is refused: the end record at the
 * very end, the first local header at offset 0, entries and the central directory following one
 * another with no gap or overlap, every field a local header repeats equal to the central
 * directory's, names safe relative paths without duplicates, and the limits (zipLimits.ts) kept
 * by the declared sizes. Each entry is then inflated by a strict decoder (zipInflate.ts) into a
 * buffer of exactly its declared size and checked against its CRC-32. Every refusal is a
 * BundleError with a specific code; nothing is returned unless every entry has passed.
 */
import { deflateSync } from 'fflate';
import { BundleError, type BundleErrorCode, type BundleErrorParams } from './bundleError.ts';
import { crc32 } from './crc32.ts';
import {
  CENTRAL_SIGNATURE,
  CENTRAL_SIZE,
  DEFLATE,
  DOS_DATE,
  DOS_TIME,
  END_SIGNATURE,
  END_SIZE,
  LOCAL_SIGNATURE,
  LOCAL_SIZE,
  readDirectory,
  STORE,
  UTF8_FLAG,
  VERSION,
  writeCommon,
  type Common,
  type Entry,
} from './zipDirectory.ts';
import { InflateError, StrictInflater } from './zipInflate.ts';
import {
  checkNames,
  DEFAULT_ZIP_LIMITS,
  exceedsRatio,
  resolveLimits,
  type ZipLimits,
} from './zipLimits.ts';
import { concatBytes } from '../util/concatBytes.ts';

export { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zipLimits.ts';

declare const TextEncoder: new () => { encode(input: string): Uint8Array };
declare const TextDecoder: new (
  label: 'utf-8',
  options: { fatal: boolean; ignoreBOM: boolean },
) => { decode(input: Uint8Array): string };

export interface ZipEntryInput {
  name: string;
  data: Uint8Array;
  /**
   * Deflate (true) or store. A deflated entry above RATIO_CHECK_FLOOR that would break the
   * default ratio limit is stored instead, so the archive stays readable with default limits.
   */
  compress: boolean;
}

interface Progress {
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  signal?: { aborted: boolean; throwIfAborted(): void };
  /** Awaited between megabytes so a UI stays responsive. */
  pause?: () => Promise<void>;
}

export interface ZipWriteOptions extends Progress {
  /** Deflate level, 6 by default. */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

export interface ZipReadOptions extends Progress {
  limits?: Partial<ZipLimits>;
}

/** Work between two pauses, and the piece size entries are deflated in. */
const CHUNK = 1024 * 1024;

function fail(code: BundleErrorCode, message: string, params: BundleErrorParams = {}): never {
  throw new BundleError(code, message, params);
}

/** Calls back, pauses and checks for cancellation once per megabyte, and once at the end. */
function tracker(options: Progress, totalBytes: number, action: string) {
  let done = 0;
  let reported = -1;
  const check = () => {
    if (options.signal?.aborted) fail('cancelled', `${action} was cancelled`);
  };
  check();
  return async (bytes: number): Promise<void> => {
    done += bytes;
    check();
    if (done - reported < CHUNK && (done < totalBytes || reported === done)) return;
    reported = done;
    options.onProgress?.(done, totalBytes);
    await options.pause?.();
    check();
  };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

type Level = NonNullable<ZipWriteOptions['level']>;

async function deflateEntry(
  data: Uint8Array,
  level: Level,
  advance: (bytes: number) => Promise<void>,
): Promise<{ crc: number; deflated: Uint8Array | null }> {
  const segments: Uint8Array[] = [];
  let valid = true;
  let crc = 0;
  for (let at = 0; ; at += CHUNK) {
    const piece = data.subarray(at, at + CHUNK);
    const last = at + CHUNK >= data.length;
    crc = crc32(piece, crc);
    const segment = valid ? deflatePiece(piece, level, last) : null;
    if (segment) segments.push(segment);
    else valid = false;
    await advance(piece.length);
    if (last) break;
  }
  return { crc, deflated: valid ? concatBytes(segments) : null };
}

/**
 * One megabyte as a self-contained DEFLATE segment. Each is deflated on its own (fflate's
 * streaming `Deflate` can emit back-references before the start of the data: fflate#260), checked
 * by the reader's strict inflater, and — unless it is the last — turned into a non-final segment:
 * its final block's BFINAL bit is cleared and an empty stored block ends it on a byte boundary
 * (what zlib calls a sync flush), so segments simply concatenate.
 */
function deflatePiece(piece: Uint8Array, level: Level, last: boolean): Uint8Array | null {
  const deflated = deflateSync(piece, { level });
  const check = new Uint8Array(piece.length);
  const inflater = new StrictInflater(deflated, check);
  try {
    inflater.run(Infinity);
  } catch (error) {
    if (error instanceof InflateError) return null;
    throw error;
  }
  for (let i = 0; i < piece.length; i++) if (check[i] !== piece[i]) return null;
  if (last) return deflated;
  // The stored block's three header bits (0, 00) and its padding are zeros after the end bit.
  const aligned = Math.ceil((inflater.endBit + 3) / 8);
  const segment = new Uint8Array(aligned + 4);
  segment.set(deflated);
  segment[inflater.lastBlockBit >>> 3]! &= ~(1 << (inflater.lastBlockBit & 7));
  segment.set([0x00, 0x00, 0xff, 0xff], aligned);
  return segment;
}

/** An entry compressed (or not) as it will be stored: `stored` is exactly its bytes in the archive. */
export interface PreparedZipEntry {
  name: string;
  data: Uint8Array;
  method: number;
  crc: number;
  stored: Uint8Array;
}

/**
 * Compress one entry as writeZip would. Lets a caller know (and hash) the exact bytes an entry
 * will occupy in the archive before writing it — a bundle's manifest lists them, so that no
 * change to the archive, even one that inflates to the same content, goes unnoticed.
 */
export async function prepareZipEntry(
  entry: ZipEntryInput,
  options: ZipWriteOptions = {},
): Promise<PreparedZipEntry> {
  const advance = tracker(options, entry.data.length, 'Compressing');
  return prepare(entry, options.level ?? 6, advance);
}

async function prepare(
  { name, data, compress }: ZipEntryInput,
  level: Level,
  advance: (bytes: number) => Promise<void>,
): Promise<PreparedZipEntry> {
  let method = STORE;
  let stored = data;
  let crc = 0;
  if (compress) {
    const result = await deflateEntry(data, level, advance);
    crc = result.crc;
    // Stored instead if fflate's output failed its check (never seen) or is too dense to read.
    if (
      result.deflated &&
      !exceedsRatio(data.length, result.deflated.length, DEFAULT_ZIP_LIMITS.maxRatio)
    ) {
      method = DEFLATE;
      stored = result.deflated;
    }
  } else {
    for (let at = 0; at < data.length; at += CHUNK) {
      const piece = data.subarray(at, at + CHUNK);
      crc = crc32(piece, crc);
      await advance(piece.length);
    }
  }
  return { name, data, method, crc, stored };
}

const isPrepared = (e: ZipEntryInput | PreparedZipEntry): e is PreparedZipEntry => 'stored' in e;

/** Writes `entries`, in order, as a `.daftar` zip; the same entries always give the same bytes. */
export async function writeZip(
  entries: readonly (ZipEntryInput | PreparedZipEntry)[],
  options: ZipWriteOptions = {},
): Promise<Uint8Array> {
  const limits = DEFAULT_ZIP_LIMITS;
  if (entries.length > limits.maxEntries) {
    fail('tooManyEntries', `${entries.length} entries; an archive holds ${limits.maxEntries}`, {
      count: entries.length,
      max: limits.maxEntries,
    });
  }
  const nameBytes = entries.map(({ name }) => {
    const bytes = encoder.encode(name);
    if (decoder.decode(bytes) !== name) {
      fail('badEntryName', `Entry name "${name}" is not well-formed Unicode`, { name });
    }
    return bytes;
  });
  checkNames(
    entries.map((entry) => entry.name),
    nameBytes.map((bytes) => bytes.length),
  );
  let totalBytes = 0;
  for (const { name, data } of entries) {
    totalBytes += data.length;
    if (data.length > limits.maxEntryBytes || totalBytes > limits.maxTotalBytes) {
      fail('tooLarge', `Entry "${name}" (${data.length} bytes) makes the archive too large`, {
        name,
        size: data.length,
      });
    }
  }
  const advance = tracker(options, totalBytes, 'Writing the archive');
  const records: (Common & { data: Uint8Array; nameBytes: Uint8Array; offset: number })[] = [];
  let offset = 0;
  for (const [i, entry] of entries.entries()) {
    const prepared = isPrepared(entry) ? entry : await prepare(entry, options.level ?? 6, advance);
    if (isPrepared(entry)) await advance(entry.data.length);
    const { data, method, crc, stored: body } = prepared;
    const name = nameBytes[i]!;
    records.push({
      ...{ version: VERSION, flags: UTF8_FLAG, method, time: DOS_TIME, date: DOS_DATE },
      ...{ crc, compressedSize: body.length, size: data.length },
      ...{ nameLength: name.length, extraLength: 0, data: body, nameBytes: name, offset },
    });
    offset += LOCAL_SIZE + name.length + body.length;
  }
  await advance(0);
  const centralSize = records.reduce((sum, r) => sum + CENTRAL_SIZE + r.nameLength, 0);
  const archiveSize = offset + centralSize + END_SIZE;
  if (archiveSize > limits.maxArchiveBytes) {
    fail('tooLarge', `The archive would be ${archiveSize} bytes`, { size: archiveSize });
  }
  const out = new Uint8Array(archiveSize);
  const view = new DataView(out.buffer);
  for (const record of records) {
    view.setUint32(record.offset, LOCAL_SIGNATURE, true);
    writeCommon(view, record.offset + 4, record);
    out.set(record.nameBytes, record.offset + LOCAL_SIZE);
    out.set(record.data, record.offset + LOCAL_SIZE + record.nameLength);
  }
  let at = offset;
  for (const record of records) {
    view.setUint32(at, CENTRAL_SIGNATURE, true);
    view.setUint16(at + 4, VERSION, true); // made by: 2.0 on MS-DOS (attributes are plain 0)
    writeCommon(view, at + 6, record);
    // Comment length, disk, internal and external attributes stay 0.
    view.setUint32(at + 42, record.offset, true);
    out.set(record.nameBytes, at + CENTRAL_SIZE);
    at += CENTRAL_SIZE + record.nameLength;
  }
  view.setUint32(at, END_SIGNATURE, true);
  view.setUint16(at + 8, records.length, true);
  view.setUint16(at + 10, records.length, true);
  view.setUint32(at + 12, centralSize, true);
  view.setUint32(at + 16, offset, true);
  return out;
}

/**
 * Reads a `.daftar` zip: entries in archive order. Throws a BundleError, before returning
 * anything, if any check fails.
 */
export async function readZip(
  bytes: Uint8Array,
  options: ZipReadOptions = {},
): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const [name, entry] of openZip(bytes, options)) files.set(name, await entry.read());
  return files;
}

export interface ZipFile {
  /** The entry's bytes as stored in the archive (compressed, or the data itself). */
  stored: Uint8Array;
  /** Whether it is stored without compression (`stored` is then its content). */
  uncompressed: boolean;
  /** Its declared size once read. */
  size: number;
  /** Its content: inflated (within the limits) and checked against its CRC-32. */
  read(): Promise<Uint8Array>;
}

/**
 * Checks a zip's structure and limits and lists its entries, reading none: a caller can check
 * what it can from the stored bytes (a signature, hashes) before inflating anything. Progress
 * counts the bytes read, over every entry's declared size.
 */
export function openZip(bytes: Uint8Array, options: ZipReadOptions = {}): Map<string, ZipFile> {
  const limits = resolveLimits(options.limits);
  if (options.signal?.aborted) fail('cancelled', 'Reading the archive was cancelled');
  if (bytes.length > limits.maxArchiveBytes) {
    fail('tooLarge', `The archive is ${bytes.length} bytes, over ${limits.maxArchiveBytes}`, {
      size: bytes.length,
      max: limits.maxArchiveBytes,
    });
  }
  const entries = readDirectory(bytes, limits);
  const totalBytes = entries.reduce((sum, entry) => sum + entry.size, 0);
  let advance: ((bytes: number) => Promise<void>) | undefined;
  const files = new Map<string, ZipFile>();
  for (const entry of entries) {
    files.set(entry.name, {
      stored: bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize),
      uncompressed: entry.method === STORE,
      size: entry.size,
      read: () =>
        extract(bytes, entry, (advance ??= tracker(options, totalBytes, 'Reading the archive'))),
    });
  }
  return files;
}

/** Inflates or copies one entry into a buffer of its declared size, and checks its CRC-32. */
async function extract(
  bytes: Uint8Array,
  entry: Entry,
  advance: (bytes: number) => Promise<void>,
): Promise<Uint8Array> {
  const { name } = entry;
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  const out = new Uint8Array(entry.size);
  let crc = 0;
  if (entry.method === STORE) {
    for (let at = 0; at < data.length; at += CHUNK) {
      const piece = data.subarray(at, at + CHUNK);
      out.set(piece, at);
      crc = crc32(piece, crc);
      await advance(piece.length);
    }
  } else {
    const inflater = new StrictInflater(data, out);
    for (let done = false; !done;) {
      const from = inflater.written;
      try {
        done = inflater.run(from + CHUNK);
      } catch (error) {
        if (!(error instanceof InflateError)) throw error;
        fail('corruptEntry', `Entry "${name}" is corrupt: ${error.message}`, {
          name,
          reason: error.message,
        });
      }
      crc = crc32(out.subarray(from, inflater.written), crc);
      await advance(inflater.written - from);
    }
  }
  if (crc !== entry.crc) {
    fail('corruptEntry', `Entry "${name}" fails its CRC-32 check`, { name, reason: 'crc' });
  }
  return out;
}
