/**
 * RFC 4180 records from text that arrives in pieces: quoted fields with delimiters, doubled
 * quotes and line breaks inside, CRLF, LF or CR line ends, any one-character delimiter.
 *
 * Our own state machine rather than PapaParse, for three things an importer must give and
 * PapaParse 5.7 does not: the physical line each record starts on (PapaParse reports a record
 * index; counting line breaks ourselves beside it breaks on quoted line breaks split across
 * chunks), a cap on one record's length that stops before the text is held (PapaParse joins a
 * partial line across chunks without limit, so a 1 GB line is a 1 GB string), and a cap on the
 * columns that stops at column 1,001 instead of after a 10⁶-column header has been split.
 *
 * Lenient where files in the wild are: a quote inside an unquoted field is kept as text
 * (`12" pipe`); blank lines are skipped. Strict where a value would silently change: text after
 * a closing quote (`"a"b`) and a quote never closed mark the record, and the reader refuses it.
 */
import { ImportError } from '../imported.ts';

export type RecordIssue = 'badQuote' | 'unclosedQuote' | null;

export interface CsvRecord {
  fields: string[];
  /** Physical line (from 1) the record starts on. */
  line: number;
  issue: RecordIssue;
}

export interface CsvParserLimits {
  /** More columns than this in any record refuses the file. */
  maxColumns: number;
  /** More characters than this in one record refuses the file. */
  maxRecordChars: number;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Line breaks in text[from, to): LF, CRLF (once) and a lone CR. */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) {
    count++;
  }
  for (let at = text.indexOf('\r', from); at !== -1 && at < to; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) !== LF) count++;
  }
  return count;
}

export class CsvParser {
  private readonly delimiter: number;
  private readonly special: RegExp;
  /** The last character of a piece when it needs the next one to be understood (CR, quote). */
  private carry = '';
  private field = '';
  private fields: string[] = [];
  private quoted = false;
  private afterQuote = false;
  private fieldStarted = false;
  private touched = false;
  private recordChars = 0;
  private issue: RecordIssue = null;
  private line = 1;
  private recordLine = 1;
  private out: CsvRecord[] = [];

  constructor(
    delimiter: string,
    private readonly limits: CsvParserLimits,
  ) {
    if (delimiter.length !== 1 || /["\r\n]/.test(delimiter)) {
      throw new Error(`Not a CSV delimiter: ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter.charCodeAt(0);
    const escaped = delimiter.replace(/[\\\]^-]/g, '\\$&');
    this.special = new RegExp(`[${escaped}\\r\\n]`, 'g');
  }

  /** The records completed by this piece of text. */
  push(text: string): CsvRecord[] {
    this.scan(this.carry + text, false);
    return this.take();
  }

  /** The last records, once the text has ended. */
  end(): CsvRecord[] {
    this.scan(this.carry, true);
    if (this.quoted) {
      this.issue = 'unclosedQuote';
      this.endField();
      this.endRecord();
    } else if (this.touched) {
      this.endField();
      this.endRecord();
    }
    return this.take();
  }

  private take(): CsvRecord[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private scan(text: string, final: boolean): void {
    const n = text.length;
    const last = text.charCodeAt(n - 1);
    // Whether CR ends the line or a quote closes the field depends on the next character.
    const end = !final && (last === CR || last === QUOTE) ? n - 1 : n;
    this.carry = text.slice(end);
    let i = 0;
    while (i < end) {
      if (this.quoted) {
        const q = text.indexOf('"', i);
        if (q === -1 || q >= end) {
          this.append(text, i, end, true);
          return;
        }
        this.append(text, i, q, true);
        if (q + 1 === end && end < n) {
          // The next character is the one held back: decide with the next piece.
          this.carry = text.slice(q);
          return;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          this.append('"', 0, 1, false);
          i = q + 2;
        } else {
          this.quoted = false;
          this.afterQuote = true;
          i = q + 1;
        }
        continue;
      }
      if (!this.fieldStarted && text.charCodeAt(i) === QUOTE) {
        this.quoted = true;
        this.fieldStarted = true;
        this.touched = true;
        i++;
        continue;
      }
      this.special.lastIndex = i;
      const match = this.special.exec(text);
      const j = match === null || match.index >= end ? end : match.index;
      if (j > i) {
        if (this.afterQuote) this.issue = 'badQuote';
        this.append(text, i, j, false);
        this.fieldStarted = true;
      }
      if (j >= end) return;
      const c = text.charCodeAt(j);
      this.touched = true;
      this.endField();
      if (c === this.delimiter) {
        i = j + 1;
        continue;
      }
      this.endRecord();
      i = c === CR && text.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
      this.line++;
      this.recordLine = this.line;
    }
  }

  private append(text: string, from: number, to: number, inQuotes: boolean): void {
    if (to <= from) return;
    this.touched = true;
    this.recordChars += to - from;
    if (this.recordChars > this.limits.maxRecordChars) {
      throw new ImportError(
        'interchange.file.lineTooLong',
        `The record starting on line ${this.recordLine} is longer than ${this.limits.maxRecordChars} characters`,
        { line: this.recordLine, limit: this.limits.maxRecordChars },
      );
    }
    this.field += text.slice(from, to);
    if (inQuotes) this.line += lineBreaks(text, from, to);
  }

  private endField(): void {
    this.fields.push(this.field);
    if (this.fields.length > this.limits.maxColumns) {
      throw new ImportError(
        'interchange.file.tooManyColumns',
        `Line ${this.recordLine} has more than ${this.limits.maxColumns} columns`,
        { line: this.recordLine, limit: this.limits.maxColumns },
      );
    }
    this.field = '';
    this.quoted = false;
    this.afterQuote = false;
    this.fieldStarted = false;
  }

  private endRecord(): void {
    const fields = this.fields;
    const blank = fields.length === 1 && this.recordChars === 0 && this.issue === null;
    if (!blank) this.out.push({ fields, line: this.recordLine, issue: this.issue });
    this.fields = [];
    this.issue = null;
    this.recordChars = 0;
    this.touched = false;
  }
}
