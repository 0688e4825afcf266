/**
 * The layout of a `.daftar` zip, shared by the writer and the reader, and the reader's structural
 * parse. The reader accepts exactly what zip.ts writes and refuses every deviation, so that a
 * single flipped bit anywhere in the headers is caught before any data is inflated:
 *
 * - the end record is the last 22 bytes (no comment, one disk, no zip64 markers) and the first
 *   local header is at offset 0;
 * - the central directory holds exactly the counted entries and ends at the end record; each entry
 *   is made by and needs version 2.0, has flags 0x0800 (UTF-8 names, nothing else: no encryption,
 *   no data descriptor), method 0 or 8, the fixed 1980-01-01 00:00 timestamp, no extra field, no
 *   comment, disk 0 and attributes 0;
 * - local headers and data follow one another from offset 0 to the central directory with no gap
 *   or overlap, and each local header repeats its central entry field for field and byte for byte;
 * - names are safe and distinct, and the declared sizes keep within the limits (zipLimits.ts).
 */
import { BundleError, type BundleErrorCode, type BundleErrorParams } from './bundleError.ts';
import { checkNames, exceedsRatio, type ZipLimits } from './zipLimits.ts';

declare const TextDecoder: new (
  label: 'utf-8',
  options: { fatal: boolean; ignoreBOM: boolean },
) => { decode(input: Uint8Array): string };

export const LOCAL_SIGNATURE = 0x04034b50;
export const CENTRAL_SIGNATURE = 0x02014b50;
export const END_SIGNATURE = 0x06054b50;
export const LOCAL_SIZE = 30;
export const CENTRAL_SIZE = 46;
export const END_SIZE = 22;
export const VERSION = 20;
export const UTF8_FLAG = 0x0800;
export const DOS_TIME = 0;
export const DOS_DATE = (1 << 5) | 1; // 1980-01-01
export const STORE = 0;
export const DEFLATE = 8;
/** The fields a local header repeats from the central directory, in the order both store them. */
export interface Common {
  version: number;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  nameLength: number;
  extraLength: number;
}
export const COMMON_FIELDS = [
  'version',
  'flags',
  'method',
  'time',
  'date',
  'crc',
  'compressedSize',
  'size',
  'nameLength',
  'extraLength',
] as const satisfies readonly (keyof Common)[];

/** Reads the repeated fields: at offset 4 of a local header, 6 of a central directory entry. */
export function readCommon(view: DataView, at: number): Common {
  const u16 = (offset: number) => view.getUint16(at + offset, true);
  const u32 = (offset: number) => view.getUint32(at + offset, true);
  return {
    ...{ version: u16(0), flags: u16(2), method: u16(4), time: u16(6), date: u16(8) },
    ...{ crc: u32(10), compressedSize: u32(14), size: u32(18) },
    ...{ nameLength: u16(22), extraLength: u16(24) },
  };
}

export function writeCommon(view: DataView, at: number, common: Common): void {
  const u16 = (offset: number, value: number) => view.setUint16(at + offset, value, true);
  const u32 = (offset: number, value: number) => view.setUint32(at + offset, value, true);
  u16(0, common.version);
  u16(2, common.flags);
  u16(4, common.method);
  u16(6, common.time);
  u16(8, common.date);
  u32(10, common.crc);
  u32(14, common.compressedSize);
  u32(18, common.size);
  u16(22, common.nameLength);
  u16(24, common.extraLength);
}

export interface Entry extends Common {
  name: string;
  nameBytes: Uint8Array;
  offset: number;
  dataStart: number;
}

function fail(code: BundleErrorCode, message: string, params: BundleErrorParams = {}): never {
  throw new BundleError(code, message, params);
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function startsWith(bytes: Uint8Array, signature: number): boolean {
  const length = Math.min(4, bytes.length);
  for (let i = 0; i < length; i++) if (bytes[i] !== (signature >>> (8 * i)) % 256) return false;
  return length > 0;
}

/** Every structural check, and the limits on declared sizes; no data is inflated here. */
export function readDirectory(bytes: Uint8Array, limits: ZipLimits): Entry[] {
  const size = bytes.length;
  if (
    size < END_SIZE ||
    !(startsWith(bytes, LOCAL_SIGNATURE) || startsWith(bytes, END_SIGNATURE))
  ) {
    if (startsWith(bytes, LOCAL_SIGNATURE) || startsWith(bytes, END_SIGNATURE)) {
      fail('truncated', `The archive is cut short: ${size} bytes`, { size });
    }
    fail('notAZip', 'This is not a zip archive: it does not start with a zip signature');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = size - END_SIZE;
  if (view.getUint32(end, true) !== END_SIGNATURE) {
    fail('truncated', `No end record in the last ${END_SIZE} bytes: cut short, or bytes after it`, {
      offset: end,
    });
  }
  const count = view.getUint16(end + 10, true);
  const centralSize = view.getUint32(end + 12, true);
  const centralOffset = view.getUint32(end + 16, true);
  const unsupported = (feature: string, name?: string): never =>
    fail(
      'unsupportedZipFeature',
      `${name === undefined ? 'The archive' : `Entry "${name}"`} uses ${feature}, which .daftar files never do`,
      name === undefined ? { feature } : { feature, name },
    );
  if (count === 0xffff || centralSize === 0xffffffff || centralOffset === 0xffffffff) {
    unsupported('zip64');
  }
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0) {
    unsupported('several disks');
  }
  if (view.getUint16(end + 20, true) !== 0) unsupported('an archive comment');
  if (view.getUint16(end + 8, true) !== count) {
    fail(
      'zipStructure',
      `The end record counts ${count} entries but ${view.getUint16(end + 8, true)} on this disk`,
      { count },
    );
  }
  if (count > limits.maxEntries) {
    fail('tooManyEntries', `The archive has ${count} entries, over ${limits.maxEntries}`, {
      count,
      max: limits.maxEntries,
    });
  }
  if (centralOffset + centralSize !== end) {
    fail(
      'zipStructure',
      `The central directory (offset ${centralOffset}, ${centralSize} bytes) does not end at the end record (offset ${end})`,
      { offset: centralOffset },
    );
  }

  const entries: Entry[] = [];
  const names: string[] = [];
  let at = centralOffset;
  for (let i = 0; i < count; i++) {
    const where = `central directory entry ${i + 1} (offset ${at})`;
    if (at + CENTRAL_SIZE > end || view.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      fail('zipStructure', `No ${where}: the directory holds fewer entries than counted`, {
        offset: at,
      });
    }
    const common = readCommon(view, at + 6);
    if (at + CENTRAL_SIZE + common.nameLength > end) {
      fail('zipStructure', `The name of ${where} runs past the central directory`, { offset: at });
    }
    const nameBytes = bytes.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + common.nameLength);
    let name: string;
    try {
      name = decoder.decode(nameBytes);
    } catch {
      fail('badEntryName', `The name of ${where} is not valid UTF-8`, { offset: at });
    }
    const check = (ok: boolean, feature: string) => ok || unsupported(feature, name);
    check(view.getUint16(at + 4, true) === VERSION, `"version made by" other than 2.0`);
    check(common.version === VERSION, `"version needed" other than 2.0`);
    check((common.flags & 1) === 0, 'encryption');
    check((common.flags & 8) === 0, 'a data descriptor');
    check(common.flags === UTF8_FLAG, `general purpose flags 0x${common.flags.toString(16)}`);
    check(
      common.method === STORE || common.method === DEFLATE,
      `compression method ${common.method}`,
    );
    check(
      common.time === DOS_TIME && common.date === DOS_DATE,
      'a timestamp other than 1980-01-01 00:00',
    );
    check(common.extraLength === 0, 'an extra field');
    check(view.getUint16(at + 32, true) === 0, 'an entry comment');
    check(view.getUint16(at + 34, true) === 0, 'several disks');
    check(
      view.getUint16(at + 36, true) === 0 && view.getUint32(at + 38, true) === 0,
      'file attributes',
    );
    check(common.compressedSize !== 0xffffffff && common.size !== 0xffffffff, 'zip64');
    entries.push({
      ...common,
      name,
      nameBytes,
      offset: view.getUint32(at + 42, true),
      dataStart: 0,
    });
    names.push(name);
    at += CENTRAL_SIZE + common.nameLength;
  }
  if (at !== end) {
    fail('zipStructure', `The central directory has ${end - at} bytes after its ${count} entries`, {
      offset: at,
    });
  }
  checkNames(
    names,
    entries.map((entry) => entry.nameBytes.length),
  );

  let expected = 0;
  for (const entry of entries) {
    const { name, offset } = entry;
    const params = { name, offset };
    if (offset !== expected) {
      fail(
        'zipStructure',
        `Entry "${name}" starts at offset ${offset}, not where the previous one ended (${expected})`,
        params,
      );
    }
    if (offset + LOCAL_SIZE > centralOffset || view.getUint32(offset, true) !== LOCAL_SIGNATURE) {
      fail('zipStructure', `No local header for "${name}" at offset ${offset}`, params);
    }
    const local = readCommon(view, offset + 4);
    for (const field of COMMON_FIELDS) {
      if (local[field] !== entry[field]) {
        fail(
          'zipStructure',
          `The local header of "${name}" disagrees with the central directory on ${field}`,
          { ...params, field },
        );
      }
    }
    entry.dataStart = offset + LOCAL_SIZE + entry.nameLength;
    expected = entry.dataStart + entry.compressedSize;
    if (expected > centralOffset) {
      fail('zipStructure', `The data of "${name}" runs into the central directory`, params);
    }
    const localName = bytes.subarray(offset + LOCAL_SIZE, entry.dataStart);
    if (localName.some((byte, i) => byte !== entry.nameBytes[i])) {
      fail('zipStructure', `The local header of "${name}" names another file`, params);
    }
  }
  if (expected !== centralOffset) {
    fail(
      'zipStructure',
      `${centralOffset - expected} unexplained bytes before the central directory`,
      { offset: expected },
    );
  }

  let totalBytes = 0;
  for (const { name, size: entrySize, compressedSize, method } of entries) {
    totalBytes += entrySize;
    if (entrySize > limits.maxEntryBytes) {
      fail(
        'tooLarge',
        `Entry "${name}" declares ${entrySize} bytes, over ${limits.maxEntryBytes}`,
        { name, size: entrySize, max: limits.maxEntryBytes },
      );
    }
    if (totalBytes > limits.maxTotalBytes) {
      fail('tooLarge', `The entries declare over ${limits.maxTotalBytes} bytes in all`, {
        name,
        size: totalBytes,
        max: limits.maxTotalBytes,
      });
    }
    if (method === STORE && compressedSize !== entrySize) {
      fail(
        'zipStructure',
        `Stored entry "${name}" has ${compressedSize} bytes but declares ${entrySize}`,
        { name },
      );
    }
    if (method === DEFLATE && exceedsRatio(entrySize, compressedSize, limits.maxRatio)) {
      fail(
        'compressionRatio',
        `Entry "${name}" would inflate ${compressedSize} bytes to ${entrySize}, over ${limits.maxRatio}×`,
        { name, size: entrySize, compressedSize, max: limits.maxRatio },
      );
    }
  }
  // Many small entries each under the per-entry ratio check could still claim gigabytes from a
  // few megabytes: the whole archive is held to the same ratio.
  if (exceedsRatio(totalBytes, bytes.length, limits.maxRatio)) {
    fail(
      'compressionRatio',
      `The archive (${bytes.length} bytes) would inflate to ${totalBytes} bytes, over ${limits.maxRatio}×`,
      { size: totalBytes, compressedSize: bytes.length, max: limits.maxRatio },
    );
  }
  return entries;
}
