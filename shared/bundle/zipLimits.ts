/**
 * What a `.daftar` archive may hold, shared by the zip writer (so it never writes what the reader
 * would refuse) and the reader: size and count limits, and the rules for entry names. Names
 * become paths on disk when someone unpacks a bundle with another tool, so anything that could
 * escape the target folder, mean something else on Windows or macOS, or hide in a listing is
 * refused rather than cleaned up.
 */
import { BundleError } from './bundleError.ts';

export interface ZipLimits {
  /** Size of the archive itself. */
  maxArchiveBytes: number;
  maxEntries: number;
  /** Declared uncompressed size of one entry. */
  maxEntryBytes: number;
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  /** Uncompressed/compressed, checked per entry for entries above RATIO_CHECK_FLOOR bytes. */
  maxRatio: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * The reader returns every entry in memory, so the limits are about memory: an archive of up to
 * 2 GiB (the most a browser reliably gives one ArrayBuffer), entries of up to 1 GiB, 4 GiB in all
 * once inflated. 65,534 entries is the most a zip without zip64 can count (65,535 is zip64's
 * marker). JSON deflates 10–20×, photos and PDFs hardly at all; DEFLATE itself tops out near
 * 1032×, which only degenerate input (long runs of one byte) reaches, so 200× leaves room for
 * real data and still stops a small archive from claiming gigabytes.
 */
export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxArchiveBytes: 2 * GiB,
  maxEntries: 65_534,
  maxEntryBytes: 1 * GiB,
  maxTotalBytes: 4 * GiB,
  maxRatio: 200,
});

/** The defaults, with each limit that `partial` sets (to a number) in their place. */
export function resolveLimits(partial: Partial<ZipLimits> = {}): ZipLimits {
  const pick = (key: keyof ZipLimits) => partial[key] ?? DEFAULT_ZIP_LIMITS[key];
  return {
    maxArchiveBytes: pick('maxArchiveBytes'),
    maxEntries: pick('maxEntries'),
    maxEntryBytes: pick('maxEntryBytes'),
    maxTotalBytes: pick('maxTotalBytes'),
    maxRatio: pick('maxRatio'),
  };
}

/** Entries up to this size are not ratio-checked: at worst they inflate to 1 MiB. */
export const RATIO_CHECK_FLOOR = 1 * MiB;

/** Longest entry name, in UTF-8 bytes. */
export const MAX_NAME_BYTES = 255;

/** Whether `uncompressed` bytes stored in `compressed` bytes break the ratio limit. */
export function exceedsRatio(uncompressed: number, compressed: number, maxRatio: number): boolean {
  return uncompressed > RATIO_CHECK_FLOOR && uncompressed > compressed * maxRatio;
}

/**
 * Why `name` may not name an entry, or null if it may. Relative paths with `/` between
 * non-empty segments only: no absolute paths, drive letters, backslashes, `.` or `..`
 * segments, control characters, directories (a trailing slash) or empty segments.
 */
export function entryNameProblem(name: string, byteLength: number): string | null {
  if (name === '') return 'is empty';
  if (byteLength > MAX_NAME_BYTES) return `is longer than ${MAX_NAME_BYTES} bytes`;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    // C0 and C1 control characters and DEL.
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return 'contains a control character';
  }
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[a-z]:/iu.test(name)) return 'starts with a drive letter';
  if (name.endsWith('/')) return 'names a directory';
  for (const segment of name.split('/')) {
    if (segment === '') return 'has an empty path segment';
    if (segment === '.' || segment === '..') return `has a "${segment}" path segment`;
  }
  return null;
}

/**
 * The key under which names collide: the same after Unicode NFC normalisation and lower-casing
 * land on the same file on macOS and Windows.
 */
export function collisionKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Refuses unsafe names, and names that collide exactly or on case-insensitive file systems. */
export function checkNames(names: readonly string[], byteLengths: readonly number[]): void {
  const seen = new Map<string, string>();
  names.forEach((name, i) => {
    const problem = entryNameProblem(name, byteLengths[i]!);
    if (problem) throw new BundleError('badEntryName', `Entry name "${name}" ${problem}`, { name });
    const other = seen.get(collisionKey(name));
    if (other === name) {
      throw new BundleError('duplicateEntry', `Entry "${name}" appears twice`, { name });
    }
    if (other !== undefined) {
      throw new BundleError(
        'duplicateEntry',
        `Entries "${other}" and "${name}" differ only in case or form`,
        {
          name,
          other,
        },
      );
    }
    seen.set(collisionKey(name), name);
  });
}

/** Raw DEFLATE of `data`, deflated a megabyte at a time; null if fflate's output fails checks. */
