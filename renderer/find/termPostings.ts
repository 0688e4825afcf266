/**
 * The posting lists of the incidents' text index (incidentTextIndex.ts): a term dictionary
 * (MiniSearch's SearchableMap, so prefix and typo expansion walk the same radix tree MiniSearch
 * walks) from each index term to a term id, and per term id one growable Int32Array of postings.
 *
 * A posting is two integers: `doc * 8 + field` (doc: the number given to one indexing of one
 * incident, increasing, so a list is in doc order; field: 0–7) and the term's frequency in that
 * field. Per term and field a count of postings (live or not) is kept for the BM25 document
 * frequency; postings of docs no longer live stay until `compact` drops them.
 */
import SearchableMap from 'minisearch/SearchableMap';

export const FIELD_BITS = 3;
export const FIELD_MASK = (1 << FIELD_BITS) - 1;
/** Fields per document at most (FIELD_BITS wide). */
export const MAX_FIELDS = 1 << FIELD_BITS;

const EMPTY = new Int32Array(0);

export class TermPostings {
  /** Index term → term id. */
  readonly dict = new SearchableMap<number>();
  /** Per term id: its postings (doc * 8 + field, frequency), `sizes[id]` integers of it used. */
  lists: Int32Array[] = [];
  sizes = new Int32Array(1024);
  /** Per term id × field: how many postings (live or not) the term has in the field. */
  fieldCounts: Int32Array;
  /** Per term id: the term (null once dropped). */
  private texts: (string | null)[] = [];
  private free: number[] = [];
  /** Integers held in all lists (two per posting). */
  used = 0;

  constructor(readonly fieldCount: number) {
    if (fieldCount > MAX_FIELDS) throw new Error(`At most ${MAX_FIELDS} fields, not ${fieldCount}`);
    this.fieldCounts = new Int32Array(1024 * fieldCount);
  }

  get termCount(): number {
    return this.texts.length;
  }

  /** The id of `term`, made if the term is new. */
  idOf(term: string): number {
    const known = this.dict.get(term);
    if (known !== undefined) return known;
    const id = this.free.length > 0 ? this.free.pop()! : this.texts.length;
    if (id === this.texts.length) {
      this.texts.push(term);
      this.lists.push(EMPTY);
      if (id >= this.sizes.length) this.grow(id + 1);
    } else {
      this.texts[id] = term;
      this.lists[id] = EMPTY;
    }
    this.sizes[id] = 0;
    this.fieldCounts.fill(0, id * this.fieldCount, (id + 1) * this.fieldCount);
    this.dict.set(term, id);
    return id;
  }

  textOf(id: number): string | null {
    return this.texts[id] ?? null;
  }

  /** Appends a posting (docs must come in increasing order per term). */
  append(id: number, doc: number, field: number, frequency: number): void {
    let list = this.lists[id]!;
    const size = this.sizes[id]!;
    if (size + 2 > list.length) {
      const grown = new Int32Array(list.length < 8 ? list.length + 4 : list.length * 2);
      grown.set(list);
      this.lists[id] = list = grown;
    }
    list[size] = doc * MAX_FIELDS + field;
    list[size + 1] = frequency;
    this.sizes[id] = size + 2;
    this.fieldCounts[id * this.fieldCount + field]!++;
    this.used += 2;
  }

  /**
   * Drops the postings of docs `docSlot` maps to -1 from the term's list (a dropped term leaves
   * the dictionary); returns how many integers it went through.
   */
  compact(id: number, docSlot: Int32Array): number {
    const list = this.lists[id]!;
    const size = this.sizes[id]!;
    const base = id * this.fieldCount;
    let write = 0;
    for (let read = 0; read < size; read += 2) {
      const value = list[read]!;
      if (docSlot[value >>> FIELD_BITS]! < 0) {
        this.fieldCounts[base + (value & FIELD_MASK)]!--;
        continue;
      }
      if (write !== read) {
        list[write] = value;
        list[write + 1] = list[read + 1]!;
      }
      write += 2;
    }
    if (write === size) return size;
    this.used -= size - write;
    this.sizes[id] = write;
    if (write === 0) {
      this.dict.delete(this.texts[id]!);
      this.texts[id] = null;
      this.lists[id] = EMPTY;
      this.free.push(id);
    } else if (write * 4 <= list.length && list.length > 8) {
      this.lists[id] = list.slice(0, write * 2);
    }
    return size;
  }

  private grow(atLeast: number): void {
    const capacity = Math.max(atLeast, this.sizes.length * 2);
    const sizes = new Int32Array(capacity);
    sizes.set(this.sizes);
    this.sizes = sizes;
    const counts = new Int32Array(capacity * this.fieldCount);
    counts.set(this.fieldCounts);
    this.fieldCounts = counts;
  }
}

/** Index of the first posting of `doc` in the list (or -1), by binary search on doc order. */
export function findDoc(list: Int32Array, size: number, doc: number): number {
  let lo = 0;
  let hi = size / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid * 2]! >>> FIELD_BITS < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo * 2 < size && list[lo * 2]! >>> FIELD_BITS === doc ? lo * 2 : -1;
}
