/**
 * Which reader a chosen file goes to: its first bytes first (a ZIP, an XML document, a JSON
 * value), its extension where the bytes leave a choice (plain text is CSV unless it is named
 * .geojson/.json/.kml). A file that is plainly something we cannot read — an Excel workbook, a
 * PDF, an XML document that is not KML — is refused here with a message that says what to do.
 */
import { ImportError } from '../../../shared/interchange/imported.ts';

export type ImportFileFormat = 'csv' | 'geojson' | 'kml' | 'kmz';

/** Bytes looked at: enough for a BOM, white space and the XML prologue of a KML file. */
const HEAD_BYTES = 4_096;

const startsWith = (bytes: Uint8Array, magic: readonly number[]) =>
  magic.every((byte, i) => bytes[i] === byte);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];
const PDF = [0x25, 0x50, 0x44, 0x46];

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The format of a file from its name and its first bytes; throws ImportError when refused. */
export function detectFormat(name: string, head: Uint8Array): ImportFileFormat {
  const extension = extensionOf(name);
  if (head.byteLength === 0) throw new ImportError('interchange.file.empty', 'The file is empty');
  if (startsWith(head, OLE2) || (startsWith(head, ZIP) && SPREADSHEETS.has(extension))) {
    throw new ImportError('interchange.file.spreadsheet', 'The file is a spreadsheet workbook');
  }
  if (startsWith(head, ZIP)) {
    // A KMZ is a ZIP; a ZIP named .csv is most likely a workbook renamed.
    if (extension === 'csv' || extension === 'tsv' || extension === 'txt') {
      throw new ImportError('interchange.file.spreadsheet', 'The file is a ZIP archive');
    }
    return 'kmz';
  }
  if (startsWith(head, PDF)) throw unknown(name, 'PDF');
  // UTF-16 and other encodings are left to the readers, which say so precisely.
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(head)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('<')) {
    if (/<kml[\s>:]/i.test(text) || extension === 'kml') return 'kml';
    throw unknown(name, 'XML');
  }
  // RFC 8142's record separator (U+001E) starts a GeoJSON text sequence.
  if (text.startsWith('{') || text.startsWith('[') || text.startsWith('\u001e')) return 'geojson';
  if (extension === 'geojson' || extension === 'json') return 'geojson';
  if (extension === 'kml') return 'kml';
  if (extension === 'kmz') return 'kmz';
  return 'csv';
}

const SPREADSHEETS = new Set(['xlsx', 'xls', 'xlsm', 'ods', 'numbers']);

function unknown(name: string, kind: string): ImportError {
  return new ImportError('interchange.ui.file.unknownFormat', `${name} is ${kind}`, {
    name,
    kind,
  });
}

/** Reads the start of `file` and detects its format. */
export async function detectFileFormat(file: Blob & { name: string }): Promise<ImportFileFormat> {
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  return detectFormat(file.name, head);
}
