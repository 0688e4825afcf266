/**
 * A read-only reader of the SQLite file format (https://www.sqlite.org/fileformat2.html) over
 * asynchronous range reads: enough to list a database's schema and scan its tables, so an MBTiles
 * file of several gigabytes is read a page at a time — from a File in the browser, a file handle
 * in Electron — without loading it, without WebAssembly and without native modules. It reads
 * rowid tables and WITHOUT ROWID tables (index b-trees), with overflow pages; it does not run
 * SQL. Every structural inconsistency is a MapFileError, never a hang: page numbers are checked,
 * a page reached twice and over-deep trees are refused, overflow chains are bounded.
 */
import { MapFileError } from './mapFileError.ts';
import { utf8DecodeStrict } from '../util/utf8.ts';

export interface RangeReader {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export type SqlValue = null | number | string | Uint8Array;

export interface SchemaRow {
  type: string;
  name: string;
  table: string;
  rootPage: number;
  sql: string;
}

const MAGIC = 'SQLite format 3\u0000';
const MAX_DEPTH = 40;
const CACHE_PAGES = 256;

const LEAF_TABLE = 0x0d;
const INTERIOR_TABLE = 0x05;
const LEAF_INDEX = 0x0a;
const INTERIOR_INDEX = 0x02;

interface Cell {
  rowid: number;
  child: number;
  payload: Uint8Array | null;
}

const corrupt = (message: string) => new MapFileError('corrupt', message);

/** A SQLite varint at `at`: its value and where the next byte is. */
function varint(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) throw corrupt('A number runs past the end of its page.');
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [value, at + i + 1];
  }
  const last = bytes[at + 8];
  if (last === undefined) throw corrupt('A number runs past the end of its page.');
  return [value * 256 + last, at + 9];
}

export class SqliteReader {
  private readonly cache = new Map<number, Uint8Array>();

  private constructor(
    private readonly source: RangeReader,
    readonly pageSize: number,
    private readonly usableSize: number,
    readonly pageCount: number,
  ) {}

  static async open(source: RangeReader): Promise<SqliteReader> {
    if (source.size < 100) {
      throw new MapFileError('notMapFile', 'The file is too small to be an SQLite database.');
    }
    const head = await source.read(0, 100);
    if (String.fromCharCode(...head.subarray(0, 16)) !== MAGIC) {
      throw new MapFileError('notMapFile', 'The file is not an SQLite database.');
    }
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const raw = view.getUint16(16);
    const pageSize = raw === 1 ? 65_536 : raw;
    if (pageSize < 512 || pageSize > 65_536 || (pageSize & (pageSize - 1)) !== 0) {
      throw corrupt(`The database declares an impossible page size (${raw}).`);
    }
    const encoding = view.getUint32(56);
    if (encoding !== 0 && encoding !== 1) {
      throw new MapFileError('unsupported', 'The database stores its text as UTF-16, not UTF-8.');
    }
    const reserved = head[20]!;
    if (pageSize - reserved < 480) throw corrupt('The database reserves too much of each page.');
    // The page count in the header is valid only while the two change counters agree (§1.3.7).
    const declared = view.getUint32(28);
    const pageCount =
      declared > 0 && view.getUint32(24) === view.getUint32(92)
        ? declared
        : Math.floor(source.size / pageSize);
    if (pageCount * pageSize > source.size) {
      throw new MapFileError(
        'truncated',
        `The database is cut short: ${pageCount} pages of ${pageSize} bytes, but the file has ${source.size} bytes.`,
      );
    }
    return new SqliteReader(source, pageSize, pageSize - reserved, pageCount);
  }

  /** The rows of `sqlite_master`: tables, indexes and views with their SQL. */
  async schema(): Promise<SchemaRow[]> {
    const rows: SchemaRow[] = [];
    for await (const { values } of this.scan(1)) {
      const [type, name, table, rootPage, sql] = values;
      rows.push({
        type: String(type),
        name: String(name),
        table: String(table),
        rootPage: typeof rootPage === 'number' ? rootPage : 0,
        sql: typeof sql === 'string' ? sql : '',
      });
    }
    return rows;
  }

  /**
   * Every row of the b-tree at `rootPage`, in key order: a rowid table's rows with their rowid,
   * or a WITHOUT ROWID table's rows (rowid 0), its columns in stored order (storedColumns).
   */
  async *scan(rootPage: number): AsyncGenerator<{ rowid: number; values: SqlValue[] }> {
    const seen = new Set<number>();
    // Depth-first, children in order: an explicit stack of what is left to visit.
    type Step = { kind: 'page'; page: number; depth: number } | { kind: 'row'; cell: Cell };
    const pending: Step[] = [{ kind: 'page', page: rootPage, depth: 0 }];
    while (pending.length > 0) {
      const step = pending.pop()!;
      if (step.kind === 'row') {
        yield { rowid: step.cell.rowid, values: decodeRecord(step.cell.payload!) };
        continue;
      }
      if (step.depth > MAX_DEPTH) throw corrupt('A table is nested too deep to be real.');
      if (seen.has(step.page)) throw corrupt(`Page ${step.page} is reached twice.`);
      seen.add(step.page);
      const { type, cells, rightChild } = await this.treePage(step.page);
      if (type === LEAF_TABLE || type === LEAF_INDEX) {
        for (const cell of cells) yield { rowid: cell.rowid, values: decodeRecord(cell.payload!) };
        continue;
      }
      const next: Step[] = [];
      for (const cell of cells) {
        next.push({ kind: 'page', page: cell.child, depth: step.depth + 1 });
        // An index interior cell is a row too, between its left child and the next.
        if (type === INTERIOR_INDEX) next.push({ kind: 'row', cell });
      }
      next.push({ kind: 'page', page: rightChild, depth: step.depth + 1 });
      for (let i = next.length - 1; i >= 0; i--) pending.push(next[i]!);
    }
  }

  private async page(n: number): Promise<Uint8Array> {
    if (!Number.isInteger(n) || n < 1 || n > this.pageCount) {
      throw corrupt(`A page number (${n}) lies outside the database (1–${this.pageCount}).`);
    }
    const hit = this.cache.get(n);
    if (hit !== undefined) return hit;
    const bytes = await this.source.read((n - 1) * this.pageSize, this.pageSize);
    if (bytes.byteLength !== this.pageSize) {
      throw new MapFileError('truncated', `Page ${n} of the database is cut short.`);
    }
    if (this.cache.size >= CACHE_PAGES) this.cache.clear();
    this.cache.set(n, bytes);
    return bytes;
  }

  private async treePage(n: number): Promise<{ type: number; cells: Cell[]; rightChild: number }> {
    const page = await this.page(n);
    const base = n === 1 ? 100 : 0;
    const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
    const type = page[base]!;
    if (![LEAF_TABLE, INTERIOR_TABLE, LEAF_INDEX, INTERIOR_INDEX].includes(type)) {
      throw corrupt(`Page ${n} should hold part of a table but holds something else (${type}).`);
    }
    const interior = type === INTERIOR_TABLE || type === INTERIOR_INDEX;
    const index = type === LEAF_INDEX || type === INTERIOR_INDEX;
    const count = view.getUint16(base + 3);
    const headerSize = interior ? 12 : 8;
    if (base + headerSize + 2 * count > this.usableSize) {
      throw corrupt(`Page ${n} lists more cells than it can hold.`);
    }
    const rightChild = interior ? view.getUint32(base + 8) : 0;
    const cells: Cell[] = [];
    for (let i = 0; i < count; i++) {
      const at = view.getUint16(base + headerSize + 2 * i);
      if (at < base + headerSize || at >= this.usableSize) {
        throw corrupt(`Page ${n} points outside itself.`);
      }
      if (type === INTERIOR_TABLE) {
        cells.push({ rowid: varint(page, at + 4)[0], child: view.getUint32(at), payload: null });
      } else if (index) {
        const [size, from] = varint(page, interior ? at + 4 : at);
        const child = interior ? view.getUint32(at) : 0;
        cells.push({ rowid: 0, child, payload: await this.payload(page, n, from, size, true) });
      } else {
        const [size, afterSize] = varint(page, at);
        const [rowid, from] = varint(page, afterSize);
        cells.push({ rowid, child: 0, payload: await this.payload(page, n, from, size, false) });
      }
    }
    return { type, cells, rightChild };
  }

  /** A cell's payload: the part on its page, then the chain of overflow pages (§1.6). */
  private async payload(
    page: Uint8Array,
    n: number,
    at: number,
    size: number,
    index: boolean,
  ): Promise<Uint8Array> {
    const u = this.usableSize;
    const maxLocal = index ? Math.floor(((u - 12) * 64) / 255) - 23 : u - 35;
    if (size <= maxLocal) {
      if (at + size > u) throw corrupt(`A row on page ${n} runs past the page.`);
      return page.subarray(at, at + size);
    }
    const minLocal = Math.floor(((u - 12) * 32) / 255) - 23;
    const k = minLocal + ((size - minLocal) % (u - 4));
    const local = k <= maxLocal ? k : minLocal;
    if (at + local + 4 > u) throw corrupt(`A row on page ${n} runs past the page.`);
    if (size > this.pageCount * u) throw corrupt(`A row on page ${n} is larger than the file.`);
    const out = new Uint8Array(size);
    out.set(page.subarray(at, at + local));
    let filled = local;
    let next = new DataView(page.buffer, page.byteOffset).getUint32(at + local);
    for (let hops = 0; filled < size; hops++) {
      if (next === 0 || hops > this.pageCount)
        throw corrupt('A chain of overflow pages breaks off.');
      const overflow = await this.page(next);
      const take = Math.min(u - 4, size - filled);
      out.set(overflow.subarray(4, 4 + take), filled);
      filled += take;
      next = new DataView(overflow.buffer, overflow.byteOffset).getUint32(0);
    }
    return out;
  }
}

/** The values of a record (§2.1). */
export function decodeRecord(record: Uint8Array): SqlValue[] {
  const [headerSize, first] = varint(record, 0);
  if (headerSize > record.byteLength) throw corrupt('A row header runs past the row.');
  const types: number[] = [];
  for (let at = first; at < headerSize;) {
    const [type, next] = varint(record, at);
    types.push(type);
    at = next;
  }
  const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
  const values: SqlValue[] = [];
  let at = headerSize;
  const take = (n: number) => {
    if (at + n > record.byteLength) throw corrupt('A row is shorter than its header says.');
    const from = at;
    at += n;
    return from;
  };
  for (const type of types) {
    if (type === 0) values.push(null);
    else if (type === 1) values.push(view.getInt8(take(1)));
    else if (type === 2) values.push(view.getInt16(take(2)));
    else if (type === 3) {
      const from = take(3);
      values.push((view.getInt8(from) << 16) | view.getUint16(from + 1));
    } else if (type === 4) values.push(view.getInt32(take(4)));
    else if (type === 5) {
      const from = take(6);
      values.push(view.getInt16(from) * 2 ** 32 + view.getUint32(from + 2));
    } else if (type === 6) values.push(Number(view.getBigInt64(take(8))));
    else if (type === 7) values.push(view.getFloat64(take(8)));
    else if (type === 8 || type === 9) values.push(type - 8);
    else if (type < 12) throw corrupt(`A row uses a reserved value type (${type}).`);
    else {
      const length = type % 2 === 0 ? (type - 12) / 2 : (type - 13) / 2;
      const bytes = record.subarray(take(length), at);
      if (type % 2 === 0) values.push(bytes);
      else {
        try {
          values.push(utf8DecodeStrict(bytes));
        } catch {
          throw corrupt('A text value is not valid UTF-8.');
        }
      }
    }
  }
  return values;
}

/** Column names of a CREATE TABLE statement, lower-cased, in order; constraints left out. */
export function tableColumns(sql: string): string[] {
  const open = sql.indexOf('(');
  const close = sql.lastIndexOf(')');
  if (open < 0 || close < open) return [];
  const body = sql.slice(open + 1, close).replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '');
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== '' && !/^(constraint|primary|unique|check|foreign)\b/i.test(p))
    .map((p) => unquote(/^("[^"]+"|`[^`]+`|\[[^\]]+\]|\S+)/.exec(p)?.[1] ?? ''));
}

/**
 * The columns of a table in the order its rows store them: a WITHOUT ROWID table stores its
 * primary key first (§2.6); an INTEGER PRIMARY KEY column is stored as NULL, its value the rowid.
 */
export function storedColumns(sql: string): { columns: string[]; rowidColumn: string | null } {
  const columns = tableColumns(sql);
  if (!/\)\s*without\s+rowid\s*;?\s*$/i.test(sql)) {
    const alias = /(?:^|[(,])\s*("[^"]+"|`[^`]+`|\[[^\]]+\]|\w+)\s+integer\s+primary\s+key/i.exec(
      sql,
    );
    return { columns, rowidColumn: alias ? unquote(alias[1]!) : null };
  }
  const declared = /primary\s+key\s*\(([^)]*)\)/i.exec(sql);
  const key = declared
    ? declared[1]!.split(',').map((c) => unquote(c.trim().split(/\s+/)[0]!))
    : columns.filter((c) =>
        new RegExp(`(?:^|[(,])\\s*["\`[]?${c}["\`\\]]?\\s+\\w*\\s*primary\\s+key`, 'i').test(sql),
      );
  return { columns: [...key, ...columns.filter((c) => !key.includes(c))], rowidColumn: null };
}

function unquote(name: string): string {
  return name.replace(/^["`[]|["`\]]$/g, '').toLowerCase();
}
