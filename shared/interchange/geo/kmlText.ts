/**
 * From the bytes of a .kml or .kmz file to KML text that is safe to hand to an XML parser:
 *
 * - KMZ is recognised by the zip signature, whatever the file is called. Only `doc.kml` at the
 *   root, or else the first `*.kml` entry, is decompressed; images and other entries are never
 *   read. Its declared size must be under the cap before anything is inflated, and fflate
 *   inflates into a buffer of exactly that size, so an entry that lies about its size is cut
 *   short (and then fails to parse) instead of filling memory: a zip bomb is refused.
 * - The text is decoded by its byte-order mark or XML declaration (UTF-8 when neither).
 * - A DOCTYPE (and so any ENTITY declaration: they live only inside one) is refused before
 *   parsing. That closes "billion laughs" entity expansion and external entities (XXE) whatever
 *   the XML parser would do with them. CDATA sections and comments are skipped by the scan, so
 *   an HTML description quoting `<!DOCTYPE html>` inside CDATA is not mistaken for one.
 */
import { unzipSync } from 'fflate';
import { ImportError } from '../imported.ts';
import { strictDecoder, type FileLike } from '../platform.ts';

/** Largest KML text accepted (from a .kml, or inflated from a .kmz). */
export const MAX_KML_BYTES = 128 * 1024 * 1024;
/** Largest .kmz file accepted (compressed). */
export const MAX_KMZ_BYTES = 128 * 1024 * 1024;

const MiB = 1024 * 1024;

export interface KmlLimits {
  /** Largest KML text: a .kml file, or a .kmz entry once inflated. */
  maxKmlBytes: number;
  /** Largest .kmz file. */
  maxKmzBytes: number;
}

export const KML_LIMITS: KmlLimits = { maxKmlBytes: MAX_KML_BYTES, maxKmzBytes: MAX_KMZ_BYTES };

export interface KmlText {
  text: string;
  kmz: boolean;
}

export async function kmlTextOf(file: FileLike, limits: KmlLimits = KML_LIMITS): Promise<KmlText> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const kmz = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const cap = kmz ? limits.maxKmzBytes : limits.maxKmlBytes;
  if (file.size > cap) {
    throw new ImportError('interchange.geo.fileTooLarge', `The file is over ${cap / MiB} MiB.`, {
      limitMiB: cap / MiB,
    });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kml = kmz ? kmlEntryOf(bytes, limits.maxKmlBytes) : bytes;
  const text = decodeXml(kml);
  refuseDoctype(text);
  return { text, kmz };
}

function kmlEntryOf(zip: Uint8Array, maxBytes: number): Uint8Array {
  const entries: { name: string; size: number }[] = [];
  try {
    // First pass: names and declared sizes only (the filter refuses every entry).
    unzipSync(zip, {
      filter: (entry) => {
        entries.push({ name: entry.name, size: entry.originalSize });
        return false;
      },
    });
  } catch (error) {
    throw notAZip(error);
  }
  const chosen =
    entries.find((e) => e.name === 'doc.kml') ??
    entries.find((e) => e.name.toLowerCase().endsWith('.kml'));
  if (!chosen) {
    throw new ImportError('interchange.kml.noKmlInKmz', 'The KMZ archive holds no .kml file.');
  }
  if (chosen.size > maxBytes) {
    throw new ImportError(
      'interchange.kml.kmzTooLarge',
      `${chosen.name} would unpack to ${Math.ceil(chosen.size / MiB)} MiB, over the ${maxBytes / MiB} MiB limit.`,
      { sizeMiB: Math.ceil(chosen.size / MiB), limitMiB: maxBytes / MiB },
    );
  }
  let taken = false;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (entry) => {
        // The same entry as chosen: first of that name (a zip may repeat a name).
        if (taken || entry.name !== chosen.name) return false;
        taken = true;
        return entry.originalSize <= maxBytes;
      },
    });
  } catch (error) {
    throw notAZip(error);
  }
  const data = files[chosen.name];
  if (!data) throw notAZip(new Error(`${chosen.name} could not be read`));
  return data;
}

function notAZip(error: unknown): ImportError {
  const detail = error instanceof Error ? error.message : String(error);
  return new ImportError('interchange.kml.badKmz', `The KMZ archive is damaged: ${detail}`, {
    detail,
  });
}

function decodeXml(bytes: Uint8Array): string {
  let label = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  else {
    // The declaration is ASCII: read it from the first bytes.
    const start = String.fromCharCode(...bytes.subarray(0, 200));
    const declared =
      /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(start);
    if (declared) label = declared[1]!.toLowerCase();
  }
  let decoder: ReturnType<typeof strictDecoder>;
  try {
    decoder = strictDecoder(label);
  } catch {
    throw new ImportError('interchange.kml.unknownEncoding', `Unknown encoding ${label}.`, {
      encoding: label,
    });
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new ImportError('interchange.kml.badEncoding', `The file is not valid ${label} text.`, {
      encoding: label,
    });
  }
}

/** Throws when the text declares a DOCTYPE or ENTITY outside CDATA sections and comments. */
export function refuseDoctype(text: string): void {
  let at = text.indexOf('<!');
  while (at !== -1) {
    if (text.startsWith('<![CDATA[', at)) {
      const end = text.indexOf(']]>', at + 9);
      if (end === -1) return;
      at = text.indexOf('<!', end + 3);
      continue;
    }
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end === -1) return;
      at = text.indexOf('<!', end + 3);
      continue;
    }
    const word = text.slice(at + 2, at + 9).toUpperCase();
    if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) {
      throw new ImportError(
        'interchange.kml.doctypeRefused',
        'The file declares a DOCTYPE or entities, which Daftar refuses (they can expand without limit or reach outside the file).',
      );
    }
    at = text.indexOf('<!', at + 2);
  }
}
