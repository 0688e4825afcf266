import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../imported.ts';
import { CsvParser, type CsvRecord } from './csvParser.ts';

const LIMITS = { maxColumns: 1_000, maxRecordChars: 1_000_000 };

function parse(text: string | string[], delimiter = ',', limits = LIMITS): CsvRecord[] {
  const parser = new CsvParser(delimiter, limits);
  const pieces = typeof text === 'string' ? [text] : text;
  return [...pieces.flatMap((piece) => parser.push(piece)), ...parser.end()];
}

const fieldsOf = (records: CsvRecord[]) => records.map((r) => r.fields);

describe('CsvParser', () => {
  it('reads quoted delimiters, doubled quotes and line breaks inside fields', () => {
    const records = parse('a,b,c\n"x, y","say ""hi""","two\nlines"\n1,,3');
    expect(fieldsOf(records)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['1', '', '3'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('counts physical lines for CRLF, LF and lone CR ends, inside quotes too', () => {
    const records = parse('h\r\n"a\r\nb\r\nc"\r\nd\re\n"f\rg"\nh');
    expect(fieldsOf(records)).toEqual([['h'], ['a\r\nb\r\nc'], ['d'], ['e'], ['f\rg'], ['h']]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 5, 6, 7, 9]);
  });

  it('skips blank lines but keeps their count in the line numbers', () => {
    const records = parse('a,b\n\n1,2\r\n\r\n\n3,4\n\n');
    expect(fieldsOf(records)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 3, 6]);
  });

  it('reads semicolon and tab delimited text', () => {
    expect(fieldsOf(parse('a;b\n"1;2";3', ';'))).toEqual([
      ['a', 'b'],
      ['1;2', '3'],
    ]);
    expect(fieldsOf(parse('a\tb\n1,2\t3', '\t'))).toEqual([
      ['a', 'b'],
      ['1,2', '3'],
    ]);
  });

  it('keeps a quote inside an unquoted field, and marks text after a closing quote', () => {
    const records = parse('a,b\n12" pipe,x\n"a"b,c\nok,ok');
    expect(records[1]).toEqual({ fields: ['12" pipe', 'x'], line: 2, issue: null });
    expect(records[2]).toEqual({ fields: ['ab', 'c'], line: 3, issue: 'badQuote' });
    expect(records[3]!.issue).toBeNull();
  });

  it('marks a quote never closed, on the line where its record starts', () => {
    const records = parse('a,b\n1,2\n3,"never\nclosed\n');
    expect(records.at(-1)).toEqual({
      fields: ['3', 'never\nclosed\n'],
      line: 3,
      issue: 'unclosedQuote',
    });
  });

  it('refuses a record over the column cap as soon as it passes it', () => {
    let error: unknown = null;
    try {
      parse(`${'x,'.repeat(10)}\n`, ',', { maxColumns: 5, maxRecordChars: 100 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({
      key: 'interchange.file.tooManyColumns',
      params: { line: 1, limit: 5 },
    });
  });

  it('refuses a record over the length cap, quoted or not, naming its first line', () => {
    for (const text of ['a\n' + 'x'.repeat(101), 'a\nb\n"' + 'x\n'.repeat(60)]) {
      expect(() => parse(text, ',', { maxColumns: 5, maxRecordChars: 100 })).toThrow(
        expect.objectContaining({
          key: 'interchange.file.lineTooLong',
          params: expect.objectContaining({ limit: 100 }),
        }),
      );
    }
    expect(() =>
      parse('a\nb\n"' + 'x\n'.repeat(60), ',', { maxColumns: 5, maxRecordChars: 100 }),
    ).toThrow(expect.objectContaining({ params: { line: 3, limit: 100 } }));
  });

  it('gives the same records and lines however the text is cut into pieces', () => {
    const cell = fc.oneof(
      fc.string({
        unit: fc.constantFrom('a', 'ب', ',', '"', '\n', '\r', ' ', '\r\n'),
        maxLength: 8,
      }),
      fc.string({ maxLength: 4 }),
    );
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(table, fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (rows, cuts, crlf) => {
        const end = crlf ? '\r\n' : '\n';
        const quote = (f: string) => `"${f.replaceAll('"', '""')}"`;
        let text = '';
        const lines: number[] = [];
        for (const row of rows) {
          lines.push(text.split(/\r\n|\n|\r/).length);
          text += row.map(quote).join(',') + end;
        }
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...at].map((from, i) => text.slice(from, at[i] ?? text.length));
        const records = parse(pieces);
        expect(fieldsOf(records)).toEqual(rows);
        expect(records.map((r) => r.line)).toEqual(lines);
        expect(records.every((r) => r.issue === null)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
