import { describe, expect, it } from 'vitest';
import { ImportError } from '../imported.ts';
import { inspectCsv, readCsv, type ByteSource } from './readCsv.ts';

const MAPPING = { title: 'title', dateStart: 'date', fatalities: 'killed', notes: 'notes' };
const blob = (...parts: (string | Uint8Array<ArrayBuffer>)[]) => new Blob(parts);

/** A source of `size` bytes made on demand by `byteAt`, counting what was read. */
function lazySource(size: number, fill: (offset: number, bytes: Uint8Array) => void) {
  const source = {
    size,
    bytesRead: 0,
    slice(start: number, end: number) {
      return {
        arrayBuffer: async () => {
          const bytes = new Uint8Array(end - start);
          fill(start, bytes);
          source.bytesRead += bytes.length;
          return bytes.buffer;
        },
      };
    },
  };
  return source satisfies ByteSource;
}

async function refusal(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
}

describe('readCsv', () => {
  it('reads BOM, CRLF, semicolons and quoted line breaks, reporting rows by physical line', async () => {
    const file = blob(
      '\uFEFFtitle;date;killed;notes\r\n',
      'Market attack;2024-03-20;۳;"first\r\nsecond; still notes"\r\n',
      'Bridge;2024-03-21;;plain\r\n',
    );
    const preview = await inspectCsv(file);
    expect(preview.delimiter).toBe(';');
    expect(preview.header).toEqual(['title', 'date', 'killed', 'notes']);
    const plan = await readCsv(file, MAPPING);
    expect(plan.problems).toEqual([]);
    expect(
      plan.incidents.map((i) => [i.at, i.fields.title, i.fields.fatalities, i.fields.notes]),
    ).toEqual([
      [{ line: 2 }, 'Market attack', 3, 'first\r\nsecond; still notes'],
      [{ line: 4 }, 'Bridge', null, 'plain'],
    ]);
    expect(plan.format).toBe('csv');
  });

  it('reads tab-separated text', async () => {
    const file = blob('title\tdate\tkilled\tnotes\nA, B\t2024-01-01\t1\tx\n');
    expect((await inspectCsv(file)).delimiter).toBe('\t');
    const plan = await readCsv(file, MAPPING);
    expect(plan.incidents[0]!.fields.title).toBe('A, B');
  });

  it('refuses malformed rows with their first line and keeps reading the rest', async () => {
    const file = blob(
      'title,date,killed,notes\n',
      'ok 1,2024-01-01,1,"two\nlines"\n', // line 2–3
      'too few,2024-01-01\n', // line 4
      'too,many,1,2,3\n', // line 5
      '"bad"quote,2024-01-01,1,x\n', // line 6
      'ok 2,2024-01-02,not a number,x\n', // line 7
      'ok 3,2024-01-03,0,"a\n\nb"\n', // lines 8–10
      'last,2024-01-04,0,"never closed\n', // line 11
    );
    const plan = await readCsv(file, MAPPING);
    expect(plan.total).toBe(7);
    expect(plan.incidents.map((i) => [i.at, i.fields.title])).toEqual([
      [{ line: 2 }, 'ok 1'],
      [{ line: 8 }, 'ok 3'],
    ]);
    expect(plan.problems.map((p) => [p.at, p.key, p.params])).toEqual([
      [{ line: 4 }, 'interchange.row.columnCount', { expected: 4, found: 2 }],
      [{ line: 5 }, 'interchange.row.columnCount', { expected: 4, found: 5 }],
      [{ line: 6 }, 'interchange.row.badQuote', undefined],
      [{ line: 7 }, 'interchange.row.badNumber', { field: 'fatalities', column: 'killed' }],
      [{ line: 11 }, 'interchange.row.unclosedQuote', undefined],
    ]);
    expect(plan.problems[3]!.detail).toBe('not a number');
    expect(plan.problems[4]!.detail).toContain('never closed');
  });

  it('lists the columns it does not keep and the repeated ones', async () => {
    const plan = await readCsv(
      blob('title,date,extra,title,,notes,killed\nA,2024-01-01,x,B,y,n,1\n'),
      MAPPING,
    );
    expect(plan.incidents[0]!.fields.title).toBe('A');
    expect(plan.remarks).toEqual([
      { key: 'interchange.remark.repeatedColumns', params: { columns: 'title' } },
      { key: 'interchange.remark.columnsNotKept', params: { columns: 'extra, #5', count: 2 } },
    ]);
  });

  it('refuses a mapping naming a column the file lacks, or no date column', async () => {
    const file = blob('title,date\nA,2024-01-01\n');
    expect(await refusal(readCsv(file, { ...MAPPING }))).toMatchObject({
      key: 'interchange.file.missingColumn',
      params: { column: 'killed' },
    });
    expect((await refusal(readCsv(file, { title: 'title' }))).key).toBe(
      'interchange.file.noDateColumn',
    );
  });

  it('reports progress in bytes up to the file size', async () => {
    const rows = 'A,2024-01-01,1,some notes here\n'.repeat(5_000);
    const file = blob('title,date,killed,notes\n', rows);
    const seen: [number, number][] = [];
    const plan = await readCsv(file, MAPPING, {
      onProgress: (done, total) => seen.push([done, total]),
      limits: { sliceBytes: 16 * 1024 },
    });
    expect(plan.incidents).toHaveLength(5_000);
    expect(seen.length).toBe(Math.ceil(file.size / (16 * 1024)));
    expect(seen.at(-1)).toEqual([file.size, file.size]);
    expect(seen.every(([done], i) => i === 0 || done > seen[i - 1]![0])).toBe(true);
  });

  it('stops promptly with an AbortError when cancelled', async () => {
    const file = blob('title,date,killed,notes\n', 'A,2024-01-01,1,x\n'.repeat(200_000));
    const controller = new AbortController();
    let abortedAt = 0;
    const reading = readCsv(file, MAPPING, {
      signal: controller.signal,
      limits: { sliceBytes: 64 * 1024 },
      onProgress: (done) => {
        if (done >= 256 * 1024 && abortedAt === 0) {
          abortedAt = performance.now();
          controller.abort();
        }
      },
    });
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - abortedAt).toBeLessThan(200);
    const already = new AbortController();
    already.abort();
    await expect(readCsv(file, MAPPING, { signal: already.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('readCsv refuses hostile files whole, quickly, with a clear reason', () => {
  it('a header of 10⁶ columns', async () => {
    const file = blob('a,'.repeat(1_000_000), '\n1\n');
    const [error, ms] = await timed(() => refusal(inspectCsv(file)));
    expect(error).toMatchObject({
      key: 'interchange.file.tooManyColumns',
      params: { line: 1, limit: 1000 },
    });
    expect(ms).toBeLessThan(1_000);
    console.info(`10⁶-column header refused in ${Math.round(ms)} ms`);
    expect((await refusal(readCsv(file, MAPPING))).key).toBe('interchange.file.tooManyColumns');
  });

  it('a 1 GB line, read only as far as the cap', async () => {
    const header = new TextEncoder().encode('title,date,killed,notes\nA,2024-01-01,1,"');
    const source = lazySource(2 ** 30, (offset, bytes) => {
      bytes.fill(0x78); // x
      if (offset === 0) bytes.set(header);
    });
    const [error, ms] = await timed(() => refusal(readCsv(source, MAPPING)));
    expect(error).toMatchObject({
      key: 'interchange.file.lineTooLong',
      params: { line: 2, limit: 16 * 1024 * 1024 },
    });
    expect(source.bytesRead).toBeLessThan(18 * 1024 * 1024);
    expect(ms).toBeLessThan(5_000);
    console.info(`1 GB line refused after ${source.bytesRead} bytes in ${Math.round(ms)} ms`);
  });

  it('NUL bytes, invalid UTF-8, UTF-16 and a spreadsheet', async () => {
    const header = 'title,date,killed,notes\n';
    const cases: [Blob, string][] = [
      [blob(header, 'A,2024-01-01\0,1,x\n'), 'interchange.file.notText'],
      [blob(header, new Uint8Array([0x41, 0xc3, 0x28, 0x0a])), 'interchange.file.notText'],
      [blob(header, new Uint8Array([0x41, 0x2c, 0xd8])), 'interchange.file.notText'],
      [blob(new Uint8Array([0xff, 0xfe, 0x74, 0x00])), 'interchange.file.utf16'],
      [blob(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])), 'interchange.file.spreadsheet'],
    ];
    for (const [file, key] of cases) {
      const [error, ms] = await timed(() => refusal(readCsv(file, MAPPING)));
      expect(error.key).toBe(key);
      expect(ms).toBeLessThan(500);
    }
  });

  it('an empty file, a file of blank lines, a header without rows', async () => {
    expect((await refusal(readCsv(blob(''), MAPPING))).key).toBe('interchange.file.empty');
    expect((await refusal(inspectCsv(blob('')))).key).toBe('interchange.file.empty');
    expect((await refusal(readCsv(blob('\n\r\n\n'), MAPPING))).key).toBe('interchange.file.empty');
    expect((await refusal(readCsv(blob('\uFEFF'), MAPPING))).key).toBe('interchange.file.empty');
    expect((await refusal(readCsv(blob('title,date,killed,notes\r\n'), MAPPING))).key).toBe(
      'interchange.file.noRows',
    );
    expect((await refusal(inspectCsv(blob('title,date\n')))).key).toBe('interchange.file.noRows');
  });

  it('a header whose quote never closes', async () => {
    expect(await refusal(readCsv(blob('"title,date\nA,2024-01-01\n'), MAPPING))).toMatchObject({
      key: 'interchange.file.badHeader',
      params: { line: 1 },
    });
  });
});

describe('inspectCsv', () => {
  it('reads only the start of a large file', async () => {
    const source = lazySource(500 * 1024 * 1024, (offset, bytes) => {
      const text = new TextEncoder().encode('title,date\n' + 'Attack,2024-01-01\n'.repeat(100_000));
      bytes.set(text.subarray(offset, offset + bytes.length));
    });
    const preview = await inspectCsv(source);
    expect(preview.rows).toHaveLength(20);
    expect(preview.rows[0]).toEqual(['Attack', '2024-01-01']);
    expect(preview.size).toBe(500 * 1024 * 1024);
    expect(source.bytesRead).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
  });
});
