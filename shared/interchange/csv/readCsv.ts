/**
 * CSV files (ACLED exports and any other table) read into an import plan, streaming: the file is
 * read in slices of 256 KiB, decoded as strict UTF-8 and parsed as it arrives, so memory
 * holds one slice and one record besides the plan. `inspectCsv` reads only the start, for the
 * mapping step; `readCsv` reads everything with the chosen mapping.
 *
 * A file is refused whole (ImportError) when it cannot be a table we should read: empty, not
 * UTF-8 text, a record over 1,000 columns or 16 MiB, a mapped column missing. A row is refused
 * alone (a problem with its physical line) when it is malformed or a value is invalid; the rest
 * of the file is still read.
 */
import {
  columnsNotKept,
  detectAcled,
  incidentFromValues,
  suggestMapping,
  type AcledVariant,
  type ColumnMapping,
} from '../columnMapping.ts';
import { ImportError, type ImportPlan, type ReadOptions } from '../imported.ts';
import { abortError } from '../platform.ts';
import { unguardFormula } from './cellValues.ts';
import { CsvParser, type CsvParserLimits, type CsvRecord } from './csvParser.ts';

declare const TextDecoder: new (
  label: 'utf-8',
  options: { fatal: boolean },
) => { decode(input?: Uint8Array, options?: { stream: boolean }): string };

/** What is read of an `AbortSignal` (shared/ has no DOM types). */
interface Cancel {
  readonly aborted: boolean;
}

/** What is read: a `Blob` or `File` is one; tests may give a source made lazily. */
export interface ByteSource {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export interface CsvLimits extends CsvParserLimits {
  /** Bytes read and parsed at a time. */
  sliceBytes: number;
}

export const CSV_LIMITS: CsvLimits = {
  maxColumns: 1_000,
  maxRecordChars: 16 * 1024 * 1024,
  sliceBytes: 256 * 1024,
};

export type CsvFormat = 'acled-csv' | 'csv';

export interface CsvReadOptions extends ReadOptions {
  /** Whether to read the file as ACLED's export (only changes the plan's label and remarks). */
  format?: CsvFormat;
  /** `,` `;` or tab; found from the header line when not given. */
  delimiter?: string;
  limits?: Partial<CsvLimits>;
}

export interface CsvPreview {
  header: string[];
  /** The first data records as read (up to `rows` of them), malformed ones included. */
  rows: string[][];
  delimiter: string;
  acled: AcledVariant | null;
  format: CsvFormat;
  suggested: ColumnMapping;
  /** The file's size in bytes. */
  size: number;
}

const DELIMITERS = [',', ';', '\t'] as const;
/** Bytes the delimiter is guessed from. */
const SNIFF_BYTES = 64 * 1024;
/** Bytes `inspectCsv` reads at most once it has the header. */
const INSPECT_BYTES = 4 * 1024 * 1024;

function notText(message: string): ImportError {
  return new ImportError('interchange.file.notText', message);
}

/** Refuses files that are plainly something else, with a message that says what to do. */
function sniff(bytes: Uint8Array): void {
  const [a, b, c, d] = bytes;
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
    throw new ImportError('interchange.file.utf16', 'The file is UTF-16 text, not UTF-8');
  }
  if (a === 0x50 && b === 0x4b && c === 0x03 && d === 0x04) {
    throw new ImportError('interchange.file.spreadsheet', 'The file is a ZIP (Excel workbook?)');
  }
}

/** The file's text in pieces, strictly decoded; `onBytes` hears how far the reading is. */
async function* textPieces(
  file: ByteSource,
  sliceBytes: number,
  signal: Cancel | undefined,
  onBytes: (done: number) => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let offset = 0; offset < file.size; offset += sliceBytes) {
    if (signal?.aborted) throw abortError();
    const end = Math.min(file.size, offset + sliceBytes);
    const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
    if (signal?.aborted) throw abortError();
    if (offset === 0) sniff(bytes);
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      throw notText(`The bytes near offset ${offset} are not UTF-8 text`);
    }
    if (text.includes('\0')) throw notText(`The file has NUL bytes near offset ${offset}`);
    onBytes(end);
    yield text;
  }
  try {
    yield decoder.decode();
  } catch {
    throw notText('The file ends inside a UTF-8 character');
  }
}

async function* recordBatches(
  file: ByteSource,
  delimiter: string,
  limits: CsvLimits,
  signal: Cancel | undefined,
  onBytes: (done: number) => void,
): AsyncGenerator<CsvRecord[]> {
  const parser = new CsvParser(delimiter, limits);
  for await (const text of textPieces(file, limits.sliceBytes, signal, onBytes)) {
    yield parser.push(text);
  }
  yield parser.end();
}

/** The delimiter used most often in the first line outside quotes (`,` when none is). */
export async function detectDelimiter(file: ByteSource): Promise<string> {
  const bytes = new Uint8Array(await file.slice(0, Math.min(file.size, SNIFF_BYTES)).arrayBuffer());
  // Not fatal: a character cut at the end of the sample must not refuse the file here.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

function headerOf(record: CsvRecord): string[] {
  if (record.issue !== null) {
    throw new ImportError('interchange.file.badHeader', 'The header line has an unclosed quote', {
      line: record.line,
    });
  }
  return record.fields.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
}

function limitsOf(options: { limits?: Partial<CsvLimits> }): CsvLimits {
  return { ...CSV_LIMITS, ...options.limits };
}

/** The header, the first rows, the delimiter and the suggested mapping, from the file's start. */
export async function inspectCsv(
  file: ByteSource,
  options: { signal?: Cancel; delimiter?: string; rows?: number; limits?: Partial<CsvLimits> } = {},
): Promise<CsvPreview> {
  if (file.size === 0) throw new ImportError('interchange.file.empty', 'The file is empty');
  const limits = limitsOf(options);
  const wanted = options.rows ?? 20;
  const delimiter = options.delimiter ?? (await detectDelimiter(file));
  let header: string[] | null = null;
  const rows: string[][] = [];
  let bytesRead = 0;
  const batches = recordBatches(file, delimiter, limits, options.signal, (done) => {
    bytesRead = done;
  });
  reading: for await (const batch of batches) {
    for (const record of batch) {
      if (header === null) header = headerOf(record);
      else rows.push(record.fields);
      if (rows.length >= wanted) break reading;
    }
    if (header !== null && bytesRead >= INSPECT_BYTES) break;
  }
  if (header === null) throw new ImportError('interchange.file.empty', 'The file has no lines');
  if (rows.length === 0) throw new ImportError('interchange.file.noRows', 'The file has no rows');
  const acled = detectAcled(header);
  return {
    header,
    rows,
    delimiter,
    acled,
    format: acled === null ? 'csv' : 'acled-csv',
    suggested: suggestMapping(header),
    size: file.size,
  };
}

/** Every row of the file as an imported incident or a problem, with whole-file remarks. */
export async function readCsv(
  file: ByteSource,
  mapping: ColumnMapping,
  options: CsvReadOptions = {},
): Promise<ImportPlan> {
  if (options.signal?.aborted) throw abortError();
  if (file.size === 0) throw new ImportError('interchange.file.empty', 'The file is empty');
  if (mapping.dateStart === undefined) {
    throw new ImportError('interchange.file.noDateColumn', 'No column is chosen for the date');
  }
  const limits = limitsOf(options);
  const delimiter = options.delimiter ?? (await detectDelimiter(file));
  const onBytes = (done: number) => options.onProgress?.(done, file.size);
  const plan: ImportPlan = { format: 'csv', incidents: [], problems: [], remarks: [], total: 0 };
  let header: string[] | null = null;
  /** The columns a row's values are taken from: the mapped ones, and ACLED's actor types. */
  let read: [string, number][] = [];

  for await (const batch of recordBatches(file, delimiter, limits, options.signal, onBytes)) {
    for (const record of batch) {
      if (header === null) {
        header = headerOf(record);
        startPlan(plan, header, mapping, options.format);
        const wanted = new Set([...mappedColumns(mapping), 'inter1', 'inter2', 'INTER1', 'INTER2']);
        // Of two columns with one name, the first one's values are read.
        read = [...wanted].flatMap((name) => {
          const i = header!.indexOf(name);
          return i < 0 ? [] : [[name, i] as [string, number]];
        });
        continue;
      }
      plan.total++;
      if (plan.total % 256 === 0 && options.signal?.aborted) throw abortError();
      const at = { line: record.line };
      if (record.issue !== null) {
        plan.problems.push({ key: `interchange.row.${record.issue}`, at, detail: preview(record) });
        continue;
      }
      if (record.fields.length !== header.length) {
        plan.problems.push({
          key: 'interchange.row.columnCount',
          at,
          params: { expected: header.length, found: record.fields.length },
          detail: preview(record),
        });
        continue;
      }
      const values: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const [name, i] of read) values[name] = detach(unguardFormula(record.fields[i]!));
      const result = incidentFromValues(values, mapping, at);
      if ('incident' in result) plan.incidents.push(result.incident);
      else plan.problems.push(result.problem);
    }
  }
  if (header === null) throw new ImportError('interchange.file.empty', 'The file has no lines');
  if (plan.total === 0) throw new ImportError('interchange.file.noRows', 'The file has no rows');
  return plan;
}

function mappedColumns(mapping: ColumnMapping): Set<string> {
  return new Set(Object.values(mapping).filter((column) => column !== undefined));
}

function startPlan(
  plan: ImportPlan,
  header: string[],
  mapping: ColumnMapping,
  format: CsvFormat | undefined,
): void {
  for (const column of mappedColumns(mapping)) {
    if (!header.includes(column)) {
      throw new ImportError('interchange.file.missingColumn', `The file has no column ${column}`, {
        column,
      });
    }
  }
  const acled = detectAcled(header);
  plan.format = format ?? (acled === null ? 'csv' : 'acled-csv');
  if (acled === 'acled-legacy') plan.remarks.push({ key: 'interchange.remark.acledLegacy' });
  const repeated = header.filter((name, i) => name !== '' && header.indexOf(name) !== i);
  if (repeated.length > 0) {
    plan.remarks.push({
      key: 'interchange.remark.repeatedColumns',
      params: { columns: [...new Set(repeated)].join(', ') },
    });
  }
  const dropped = columnsNotKept(header, mapping);
  if (dropped.length > 0) {
    plan.remarks.push({
      key: 'interchange.remark.columnsNotKept',
      params: { columns: dropped.join(', '), count: dropped.length },
    });
  }
}

/**
 * The text as a string of its own. A field is a slice of the 256 KiB piece it was read from, and
 * V8 keeps a slice's whole parent alive (slices of 13 characters or more): kept slices would hold
 * the whole file's text beside the plan. A JSON round trip makes a compact copy in any engine
 * (measured in Node 20: 100,000 kept 470-character notes held 113 MB of pieces; copied, 50 MB).
 */
function detach(text: string): string {
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** The start of a refused record, to show beside the problem. */
function preview(record: CsvRecord): string {
  const text = record.fields.join(' | ');
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
