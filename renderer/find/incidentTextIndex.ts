/**
 * The incidents' full-text index: an inverted index on typed arrays (termPostings.ts) that
 * answers a query exactly as a MiniSearch index with the same options would — the same matches,
 * the same BM25+ scores (up to rounding), the same order — without building a Map and an object
 * per matching document, which made MiniSearch slow on words that most incidents contain.
 *
 * Scoring (mirrored from MiniSearch 7.2, `executeQuerySpec`, `termResults`, `calcBM25Score`):
 * each query term is expanded to the index terms it stands for — itself (weight 1), the longer
 * terms it is a prefix of (0.375 · len / (len + 0.3 · extra letters)) when it is the word being
 * typed, and the terms within its edit distance (0.45 · len / (len + distance)) unless they are
 * prefix matches. Each (index term, field) posting of a live document adds
 * weight · fieldBoost · idf · (d + tf (k + 1) / (tf + k (1 − b + b · len / avgLen))), with
 * k 1.2, b 0.7, d 0.5, idf = ln(1 + (N − n + 0.5) / (n + 0.5)), N the live documents, n those
 * with the term in the field, len the field's count of distinct terms. A document must match every
 * query term (AND); its score is the sum over query terms times the number of distinct query
 * terms. Documents are table slots.
 *
 * Updates: every indexing of a slot gets a new doc number; replacing or removing a slot only
 * marks its old doc dead (`docSlot` -1). Postings of dead docs are skipped by queries and dropped
 * by a background compaction in small steps (`vacuuming` while it runs). While any are left,
 * queries count live postings for the idf instead of trusting the kept counts.
 */
import { FIELD_BITS, FIELD_MASK, findDoc, TermPostings } from './termPostings.ts';
import { bestFirst } from './scoreOrder.ts';

const K = 1.2;
const B = 0.7;
const D = 0.5;
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

/** What a query term may also match: as MiniSearch's `prefix`, `fuzzy` and `maxFuzzy`. */
export interface ExpansionOptions {
  prefix: (term: string, i: number, terms: string[]) => boolean;
  fuzzy: (term: string, i: number, terms: string[]) => boolean | number;
  maxFuzzy: number;
}

/** Compaction: postings gone through per step, and when a pass starts. */
export interface CompactionOptions {
  stepSize: number;
  /** A pass starts once this share of the postings belongs to dead docs … */
  minDeadShare: number;
  /** … and at least this many docs are dead. */
  minDeadDocs: number;
}

const DEFAULT_COMPACTION: CompactionOptions = {
  stepSize: 200_000,
  minDeadShare: 0.1,
  minDeadDocs: 500,
};

/** The matches of one query, best first; valid until the index next changes. */
export interface IncidentMatches {
  slots: Int32Array;
  scores: Float64Array;
  /** The index terms the query matched in this slot's text (as MiniSearch's `terms`). */
  termsOf(slot: number): string[];
  /** The index terms the query matched in any matching slot. */
  terms(): string[];
}

const NO_MATCHES: IncidentMatches = {
  slots: new Int32Array(0),
  scores: new Float64Array(0),
  termsOf: () => [],
  terms: () => [],
};

function grown<T extends Int32Array | Float64Array>(array: T, atLeast: number): T {
  if (atLeast <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(atLeast, array.length * 2));
  next.set(array);
  return next;
}

export class IncidentTextIndex {
  private readonly postings: TermPostings;
  private readonly fields: number;
  private readonly boosts: Float64Array;
  private readonly compaction: CompactionOptions;
  /** Doc number → slot, or -1 once the doc is dead. */
  private docSlot = new Int32Array(1024);
  private nextDoc = 0;
  /** Slot → its live doc number, or -1. */
  private slotDoc = new Int32Array(1024).fill(-1);
  /** Slot → postings (pairs) of its live doc. */
  private slotPostings = new Int32Array(1024);
  /** Slot × field → the field's count of distinct terms. */
  private fieldLength = new Int32Array(1024);
  private readonly lengthSum: Float64Array;
  private live = 0;
  private deadDocs = 0;
  private deadPostings = 0;
  private compactionTimer: ReturnType<typeof setTimeout> | null = null;
  private compactionCursor = 0;
  // Per-query scratch, by slot.
  private level = new Int32Array(0);
  private termScore = new Float64Array(0);
  private total = new Float64Array(0);
  private candidates = new Int32Array(0);
  // Per-term scratch, by field.
  private readonly idf: Float64Array;
  private readonly weighted: Float64Array;
  private readonly average: Float64Array;
  private readonly counted: Int32Array;

  constructor(
    fieldNames: readonly string[],
    boost: Readonly<Record<string, number>>,
    private readonly expansion: ExpansionOptions,
    private readonly tokenize: (text: string) => string[],
    compaction: Partial<CompactionOptions> = {},
  ) {
    this.fields = fieldNames.length;
    this.postings = new TermPostings(this.fields);
    this.boosts = Float64Array.from(fieldNames, (name) => boost[name] || 1);
    this.lengthSum = new Float64Array(this.fields);
    this.idf = new Float64Array(this.fields);
    this.weighted = new Float64Array(this.fields);
    this.average = new Float64Array(this.fields);
    this.counted = new Int32Array(this.fields);
    this.compaction = { ...DEFAULT_COMPACTION, ...compaction };
  }

  /** Live documents. */
  get documentCount(): number {
    return this.live;
  }

  /** Whether the background compaction is running. */
  get vacuuming(): boolean {
    return this.compactionTimer !== null;
  }

  /** Postings of dead docs still in the lists (integers / 2). */
  get deadPostingCount(): number {
    return this.deadPostings;
  }

  has(slot: number): boolean {
    return slot < this.slotDoc.length && this.slotDoc[slot]! >= 0;
  }

  /** Indexes the slot's field texts (in the order of the field names), replacing what it had. */
  add(slot: number, texts: readonly string[]): void {
    this.remove(slot);
    if (slot >= this.slotDoc.length) {
      const size = Math.max(slot + 1, this.slotDoc.length * 2);
      const slotDoc = new Int32Array(size).fill(-1);
      slotDoc.set(this.slotDoc);
      this.slotDoc = slotDoc;
      this.slotPostings = grown(this.slotPostings, size);
    }
    this.fieldLength = grown(this.fieldLength, (slot + 1) * this.fields);
    const doc = this.nextDoc++;
    this.docSlot = grown(this.docSlot, doc + 1);
    this.docSlot[doc] = slot;
    this.slotDoc[slot] = doc;
    let count = 0;
    const frequencies = new Map<string, number>();
    for (let field = 0; field < this.fields; field++) {
      frequencies.clear();
      for (const term of this.tokenize(texts[field] ?? '')) {
        frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
      }
      this.fieldLength[slot * this.fields + field] = frequencies.size;
      this.lengthSum[field] = this.lengthSum[field]! + frequencies.size;
      for (const [term, frequency] of frequencies) {
        if (term === '') continue;
        this.postings.append(this.postings.idOf(term), doc, field, frequency);
        count++;
      }
    }
    this.slotPostings[slot] = count;
    this.live++;
  }

  /** Takes the slot out of the results at once (its postings go at the next compaction). */
  remove(slot: number): void {
    if (!this.has(slot)) return;
    const doc = this.slotDoc[slot]!;
    this.docSlot[doc] = -1;
    this.slotDoc[slot] = -1;
    for (let field = 0; field < this.fields; field++) {
      this.lengthSum[field] =
        this.lengthSum[field]! - this.fieldLength[slot * this.fields + field]!;
    }
    this.live--;
    this.deadDocs++;
    this.deadPostings += this.slotPostings[slot]!;
    this.maybeCompact();
  }

  /** Stops the background compaction (the index is dropped). */
  dispose(): void {
    if (this.compactionTimer !== null) clearTimeout(this.compactionTimer);
    this.compactionTimer = null;
  }

  /** Every live slot that matches all `terms` (folded index terms), best first. */
  search(terms: string[]): IncidentMatches {
    const n = terms.length;
    if (n === 0 || this.live === 0) return NO_MATCHES;
    const distinct = new Set(terms).size;
    const capacity = this.slotDoc.length;
    if (this.level.length < capacity) {
      this.level = new Int32Array(capacity);
      this.termScore = new Float64Array(capacity);
      this.total = new Float64Array(capacity);
      this.candidates = new Int32Array(capacity);
    } else this.level.fill(0, 0, capacity);
    const { level, termScore, total, candidates } = this;
    const derived: string[][] = [];
    let count = 0;
    for (let q = 0; q < n; q++) {
      const expanded = this.expand(terms[q]!, q, terms);
      derived.push(expanded.terms);
      for (let i = 0; i < expanded.ids.length; i++) {
        const added = this.scoreTerm(expanded.ids[i]!, expanded.weights[i]!, q, count);
        count += added;
      }
      if (q === 0) {
        for (let i = 0; i < count; i++) total[candidates[i]!] = termScore[candidates[i]!]!;
      } else {
        let kept = 0;
        for (let i = 0; i < count; i++) {
          const slot = candidates[i]!;
          if (level[slot] !== q + 1) continue;
          total[slot] = total[slot]! + termScore[slot]!;
          candidates[kept++] = slot;
        }
        count = kept;
      }
      if (count === 0) return NO_MATCHES;
    }
    for (let i = 0; i < count; i++) total[candidates[i]!] = total[candidates[i]!]! * distinct;
    const { slots, scores } = bestFirst(candidates, count, total, capacity);
    return {
      slots,
      scores,
      termsOf: (slot) => this.termsIn(slot, derived),
      terms: () => this.termsMatched(slots, derived),
    };
  }

  /**
   * Adds the term's postings to the slots' scores for query term `q`; on the first query term,
   * appends the slots it finds to the candidates (returns how many).
   */
  private scoreTerm(id: number, weight: number, q: number, from: number): number {
    const { postings, fields, level, termScore, candidates, docSlot, fieldLength } = this;
    const { idf, weighted: boost, average } = this;
    const list = postings.lists[id]!;
    const size = postings.sizes[id]!;
    const counts = this.documentFrequencies(id);
    for (let f = 0; f < fields; f++) {
      const m = counts[f]!;
      idf[f] = Math.log(1 + (this.live - m + 0.5) / (m + 0.5));
      boost[f] = weight * this.boosts[f]!;
      average[f] = this.lengthSum[f]! / this.live;
    }
    let added = 0;
    for (let p = 0; p < size; p += 2) {
      const value = list[p]!;
      const slot = docSlot[value >>> FIELD_BITS]!;
      if (slot < 0) continue;
      const seen = level[slot]!;
      if (seen < q) continue; // missed an earlier query term
      const f = value & FIELD_MASK;
      const tf = list[p + 1]!;
      const length = fieldLength[slot * fields + f]!;
      const raw = idf[f]! * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * length) / average[f]!)));
      const score = boost[f]! * raw;
      if (seen === q) {
        level[slot] = q + 1;
        termScore[slot] = score;
        if (q === 0) candidates[from + added++] = slot;
      } else termScore[slot] = termScore[slot]! + score;
    }
    return added;
  }

  /** Per field: live docs with the term in it. */
  private documentFrequencies(id: number): Int32Array {
    const { fields, postings } = this;
    if (this.deadDocs === 0) return postings.fieldCounts.subarray(id * fields, (id + 1) * fields);
    const counts = this.counted.fill(0);
    const list = postings.lists[id]!;
    const size = postings.sizes[id]!;
    for (let p = 0; p < size; p += 2) {
      const value = list[p]!;
      if (this.docSlot[value >>> FIELD_BITS]! >= 0) counts[value & FIELD_MASK]!++;
    }
    return counts;
  }

  /** The index terms a query term stands for, with their weights, in MiniSearch's order. */
  private expand(term: string, i: number, terms: string[]) {
    const { dict } = this.postings;
    const out = { ids: [] as number[], weights: [] as number[], terms: [] as string[] };
    const push = (t: string, id: number, weight: number) => {
      out.ids.push(id);
      out.weights.push(weight);
      out.terms.push(t);
    };
    const exact = dict.get(term);
    if (exact !== undefined) push(term, exact, 1);
    const fuzzy = this.expansion.fuzzy(term, i, terms);
    let typos: Map<string, [number, number]> | undefined;
    if (fuzzy !== false) {
      const f = fuzzy === true ? 0.2 : fuzzy;
      const distance = f < 1 ? Math.min(this.expansion.maxFuzzy, Math.round(term.length * f)) : f;
      if (distance) typos = dict.fuzzyGet(term, distance) as Map<string, [number, number]>;
    }
    if (this.expansion.prefix(term, i, terms)) {
      for (const [t, id] of dict.atPrefix(term)) {
        const extra = t.length - term.length;
        if (!extra) continue;
        typos?.delete(t);
        push(t, id, (PREFIX_WEIGHT * t.length) / (t.length + 0.3 * extra));
      }
    }
    if (typos) {
      for (const [t, [id, distance]] of typos) {
        if (!distance) continue;
        push(t, id, (FUZZY_WEIGHT * t.length) / (t.length + distance));
      }
    }
    return out;
  }

  /** The derived terms found in the slot's live doc, as MiniSearch orders `match`'s keys. */
  private termsIn(slot: number, derived: string[][]): string[] {
    const doc = this.has(slot) ? this.slotDoc[slot]! : -1;
    if (doc < 0) return [];
    const match: Record<string, true> = {};
    for (const group of derived) {
      for (const term of group) {
        const id = this.postings.dict.get(term);
        if (id === undefined) continue;
        if (findDoc(this.postings.lists[id]!, this.postings.sizes[id]!, doc) >= 0) {
          match[term] = true;
        }
      }
    }
    return Object.keys(match);
  }

  private termsMatched(slots: Int32Array, derived: string[][]): string[] {
    const member = new Uint8Array(this.slotDoc.length);
    for (const slot of slots) member[slot] = 1;
    const out = new Set<string>();
    for (const group of derived) {
      for (const term of group) {
        if (out.has(term)) continue;
        const id = this.postings.dict.get(term);
        if (id === undefined) continue;
        const list = this.postings.lists[id]!;
        const size = this.postings.sizes[id]!;
        for (let p = 0; p < size; p += 2) {
          const slot = this.docSlot[list[p]! >>> FIELD_BITS]!;
          if (slot >= 0 && member[slot]) {
            out.add(term);
            break;
          }
        }
      }
    }
    return [...out];
  }

  // ---- compaction ---------------------------------------------------------------------------

  private maybeCompact(): void {
    const { minDeadShare, minDeadDocs } = this.compaction;
    if (this.compactionTimer !== null || this.deadDocs < minDeadDocs) return;
    if (this.deadPostings * 2 < this.postings.used * minDeadShare) return;
    this.compactionCursor = 0;
    const deadDocs = this.deadDocs;
    const deadPostings = this.deadPostings;
    const step = () => {
      const { termCount } = this.postings;
      let work = 0;
      while (this.compactionCursor < termCount && work < this.compaction.stepSize) {
        work += 8 + this.postings.compact(this.compactionCursor++, this.docSlot);
      }
      if (this.compactionCursor < termCount) {
        this.compactionTimer = setTimeout(step, 0);
        return;
      }
      // Docs that died during the pass may keep postings in lists already gone through.
      this.deadDocs -= deadDocs;
      this.deadPostings -= deadPostings;
      this.compactionTimer = null;
      this.maybeCompact();
    };
    this.compactionTimer = setTimeout(step, 0);
  }

  /** Runs a whole compaction now (tests). */
  compactNow(): void {
    this.dispose();
    for (let id = 0; id < this.postings.termCount; id++) this.postings.compact(id, this.docSlot);
    this.deadDocs = 0;
    this.deadPostings = 0;
  }
}
