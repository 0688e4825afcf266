/**
 * The find engine's compact copy of every incident's filterable and sortable fields: one slot
 * per incident, one typed array (a column) per field, values of text fields as dictionary codes.
 * A filter over 100,000 incidents is then a loop over integers, with no record objects touched.
 * Slots of removed incidents are reused. Join-derived columns (grades of linked sources,
 * conflicts, open threads) are written by the engine from its joins.
 */
import type { StoredRecord } from '../../shared/domain/records.ts';
import { RECORD_STATUSES, type RecordStatus } from '../../shared/domain/vocabulary.ts';
import { normaliseName } from '../../shared/util/normaliseName.ts';
import { FacetDictionary } from './facetDictionary.ts';

type Incident = StoredRecord<'incident'>;

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` as the number YYYYMMDD (same order as the strings). */
export const dateNumber = (iso: string) =>
  Number(iso.slice(0, 4)) * 10_000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));

/** Days since 1970-01-01 of a YYYYMMDD number. */
export function dayOf(ymd: number): number {
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: the latter reads years 0–99 as 1900–1999.
  date.setUTCFullYear(Math.floor(ymd / 10_000), (Math.floor(ymd / 100) % 100) - 1, ymd % 100);
  return Math.round(date.getTime() / DAY_MS);
}

const STATUS_CODE = new Map<string, number>(RECORD_STATUSES.map((s, i) => [s, i]));
/** Rank of each status code in the order of the stored strings (IndexedDB's `status` index). */
export const STATUS_SORT_RANK = Uint8Array.from(
  RECORD_STATUSES.map((s) => [...RECORD_STATUSES].sort().indexOf(s)),
);

/** Folded names (actors, places), remembered: the same few hundred values come back all the time. */
const foldedNames = new Map<string, string>();
export function foldName(value: string): string {
  let folded = foldedNames.get(value);
  if (folded === undefined) {
    folded = normaliseName(value);
    if (foldedNames.size > 50_000) foldedNames.clear();
    foldedNames.set(value, folded);
  }
  return folded;
}

const EMPTY: readonly number[] = [];

export class IncidentTable {
  readonly ids: string[] = [];
  readonly slotOf = new Map<string, number>();
  private readonly free: number[] = [];
  count = 0;
  private capacity = 0;

  live = new Uint8Array(0);
  /** YYYYMMDD of dateStart, and of dateEnd (dateStart when open-ended). */
  dateStart = new Int32Array(0);
  dateEnd = new Int32Array(0);
  /** Days since 1970-01-01 of dateStart (timeline buckets). */
  day = new Int32Array(0);
  /** -1 when unknown, as the `_fatalities` index stores it. */
  fatalities = new Int32Array(0);
  /** Index into RECORD_STATUSES of the stored status. */
  status = new Uint8Array(0);
  eventType = new Int32Array(0);
  subEventType = new Int32Array(0);
  province = new Int32Array(0);
  district = new Int32Array(0);
  /** Bits 0–5: a linked source graded A–F. */
  grades = new Uint8Array(0);
  conflicts = new Int32Array(0);
  openThreads = new Int32Array(0);
  latitude = new Float64Array(0);
  longitude = new Float64Array(0);
  /** Hash of the searchable text, so an edit that leaves it alone is not indexed again. */
  textHash = new Float64Array(0);
  actors: (readonly number[])[] = [];
  tags: (readonly number[])[] = [];
  updated: string[] = [];
  title: string[] = [];
  dateStartIso: string[] = [];

  readonly eventTypes = new FacetDictionary();
  readonly subEventTypes = new FacetDictionary();
  readonly actorNames = new FacetDictionary(foldName);
  readonly provinces = new FacetDictionary(foldName);
  readonly districts = new FacetDictionary(foldName);
  readonly tagNames = new FacetDictionary();

  /** Slots in use, in no particular order. */
  *slots(): Generator<number> {
    for (let slot = 0; slot < this.ids.length; slot++) if (this.live[slot]) yield slot;
  }

  /** Stores `record` (new or replacing its previous version); returns its slot. */
  upsert(record: Incident): number {
    let slot = this.slotOf.get(record.id);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.grow();
      this.slotOf.set(record.id, slot);
      this.ids[slot] = record.id;
      this.live[slot] = 1;
      this.textHash[slot] = Number.NaN;
      this.count += 1;
    } else {
      this.releaseCodes(slot);
    }
    const start = dateNumber(record.dateStart);
    this.dateStart[slot] = start;
    this.dateEnd[slot] = record.dateEnd ? dateNumber(record.dateEnd) : start;
    this.day[slot] = dayOf(start);
    this.fatalities[slot] = record.fatalities ?? -1;
    this.status[slot] = STATUS_CODE.get(record.status as RecordStatus) ?? 0;
    this.eventType[slot] = this.eventTypes.use(record.eventType);
    this.subEventType[slot] = this.subEventTypes.use(record.subEventType);
    this.province[slot] = this.provinces.use(record.province);
    this.district[slot] = this.districts.use(record.district);
    this.actors[slot] = this.useAll(
      this.actorNames,
      record.actors.map((a) => a.name),
    );
    this.tags[slot] = this.useAll(this.tagNames, record.tags ?? []);
    this.latitude[slot] = record.latitude ?? Number.NaN;
    this.longitude[slot] = record.longitude ?? Number.NaN;
    this.updated[slot] = record.updated;
    this.title[slot] = record.title;
    this.dateStartIso[slot] = record.dateStart;
    return slot;
  }

  /** Forgets the incident; returns the slot it had. */
  remove(id: string): number | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return undefined;
    this.releaseCodes(slot);
    this.slotOf.delete(id);
    this.live[slot] = 0;
    this.ids[slot] = '';
    this.actors[slot] = EMPTY;
    this.tags[slot] = EMPTY;
    this.updated[slot] = '';
    this.title[slot] = '';
    this.dateStartIso[slot] = '';
    this.free.push(slot);
    this.count -= 1;
    return slot;
  }

  private releaseCodes(slot: number): void {
    this.eventTypes.release(this.eventType[slot]!);
    this.subEventTypes.release(this.subEventType[slot]!);
    this.provinces.release(this.province[slot]!);
    this.districts.release(this.district[slot]!);
    for (const code of this.actors[slot]!) this.actorNames.release(code);
    for (const code of this.tags[slot]!) this.tagNames.release(code);
  }

  /** Codes of `values`, each counted once per incident however often it is listed. */
  private useAll(dictionary: FacetDictionary, values: readonly string[]): readonly number[] {
    if (values.length === 0) return EMPTY;
    const codes: number[] = [];
    for (const value of values) {
      const known = dictionary.find(value);
      if (known !== undefined && codes.includes(known)) continue;
      codes.push(dictionary.use(value));
    }
    return codes;
  }

  private grow(): number {
    const slot = this.ids.length;
    if (slot >= this.capacity) {
      this.capacity = Math.max(1024, this.capacity * 2);
      const n = this.capacity;
      this.live = resized(this.live, n);
      this.dateStart = resized(this.dateStart, n);
      this.dateEnd = resized(this.dateEnd, n);
      this.day = resized(this.day, n);
      this.fatalities = resized(this.fatalities, n);
      this.status = resized(this.status, n);
      this.eventType = resized(this.eventType, n);
      this.subEventType = resized(this.subEventType, n);
      this.province = resized(this.province, n);
      this.district = resized(this.district, n);
      this.grades = resized(this.grades, n);
      this.conflicts = resized(this.conflicts, n);
      this.openThreads = resized(this.openThreads, n);
      this.latitude = resized(this.latitude, n);
      this.longitude = resized(this.longitude, n);
      this.textHash = resized(this.textHash, n);
    }
    this.ids.push('');
    this.actors.push(EMPTY);
    this.tags.push(EMPTY);
    this.updated.push('');
    this.title.push('');
    this.dateStartIso.push('');
    return slot;
  }
}

type TypedArray = Uint8Array | Int32Array | Float64Array;

function resized<T extends TypedArray>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}
