/**
 * The evaluation set for duplicate detection: realistic incidents (generateDataset.ts) with
 * known duplicates planted among them — the same event as a second researcher would record it —
 * and hard negatives — different events that look alike. Detection is scored against the planted
 * pairs (precision, recall, F1); pairs it finds among the generated incidents by coincidence
 * count as false positives, as they would be in the field.
 *
 * A planted duplicate: date moved within its precision (a day later, or only the week or month
 * known), coordinates moved within their precision (or left out), actors reordered, abbreviated
 * ("ISKP") or typed with Arabic letters (ي ك for ی ک), notes shortened and retyped the same way,
 * another fatality figure, sometimes no sub-type. A hard negative: the same type and place the
 * next week or the next month, or the same type and day in another province.
 *
 * Each generated note gets a lead sentence with particulars — a name, an age, a landmark, an
 * hour — as field notes have. Without it the generator's twenty-odd stock sentences make the
 * notes of unrelated incidents in one district identical, which real notes are not.
 */
import type { IncidentActor, IncidentFields } from '../../shared/domain/incident.ts';
import { generateIds, generateIncidents, mulberry32, type Rng } from './generateDataset.ts';

export type PlantedIncident = IncidentFields & { id: string };

export interface PlantedSet {
  incidents: PlantedIncident[];
  /** Pairs of ids (pairKey order: smaller id first) that are the same event. */
  duplicates: Set<string>;
  /** Pairs of ids of each hard negative and the incident it imitates: not the same event. */
  hardNegatives: Set<string>;
  plantedCount: number;
  hardNegativeCount: number;
}

export interface PlantOptions {
  /** Give each note a lead sentence with particulars (default true; see above). */
  particulars?: boolean;
  /** Share of the total that are planted duplicates (default 0.06). */
  duplicateShare?: number;
  /** Share of the total that are hard negatives (default 0.06). */
  hardNegativeShare?: number;
}

const DAY_MS = 86_400_000;
const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const chance = (rng: Rng, p: number) => rng() < p;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);

/** `total` incidents for a seed, of which about 6 % planted duplicates and 6 % hard negatives. */
export function plantDuplicates(
  total: number,
  seed: number,
  options: PlantOptions = {},
): PlantedSet {
  const rng = mulberry32(seed ^ 0xd0b1e);
  const planted = Math.round(total * (options.duplicateShare ?? 0.06));
  const negatives = Math.round(total * (options.hardNegativeShare ?? 0.06));
  const baseCount = total - planted - negatives;
  const ids = generateIds(total, seed);
  const lead =
    options.particulars === false
      ? (_: IncidentFields) => ''
      : (f: IncidentFields) => particulars(rng, f);
  const withLead = (f: IncidentFields): IncidentFields => ({ ...f, notes: `${lead(f)}${f.notes}` });
  const base = generateIncidents(baseCount, seed).map((f, i) => ({ ...withLead(f), id: ids[i]! }));
  // Other events' words and actors, for the hard negatives.
  const strangers = generateIncidents(negatives, seed ^ 0x5a5a).map(withLead);
  const incidents: PlantedIncident[] = [...base];
  const duplicates = new Set<string>();
  /** Every record of each planted event (original first), for triplicates. */
  const events = new Map<string, string[]>();
  const originals: PlantedIncident[] = [];
  let next = baseCount;

  for (let k = 0; k < planted; k++) {
    // One in ten events recorded three times: the third copies one of the two before.
    const reuse =
      k > 0 && chance(rng, 0.1) ? originals[int(rng, 0, originals.length - 1)] : undefined;
    const original = reuse ?? base[int(rng, 0, baseCount - 1)]!;
    if (!reuse) originals.push(original);
    const copy = duplicateOf(rng, original, ids[next++]!);
    incidents.push(copy);
    const group = events.get(original.id) ?? [original.id];
    for (const other of group) duplicates.add(key(other, copy.id));
    events.set(original.id, [...group, copy.id]);
  }
  const hardNegatives = new Set<string>();
  for (let k = 0; k < negatives; k++) {
    const original = base[int(rng, 0, baseCount - 1)]!;
    const other = hardNegativeOf(rng, original, strangers[k]!, base, ids[next++]!);
    incidents.push(other);
    hardNegatives.add(key(original.id, other.id));
  }
  // Shuffle, so no order in the input gives the answer away.
  for (let i = incidents.length - 1; i > 0; i--) {
    const j = int(rng, 0, i);
    [incidents[i], incidents[j]] = [incidents[j]!, incidents[i]!];
  }
  return {
    incidents,
    duplicates,
    hardNegatives,
    plantedCount: planted,
    hardNegativeCount: negatives,
  };
}

// ---- particulars ---------------------------------------------------------------------------

const GIVEN = [
  ['Ahmad', 'احمد'],
  ['Mohammad', 'محمد'],
  ['Abdul Qadir', 'عبدالقادر'],
  ['Gul Agha', 'گل آغا'],
  ['Zahra', 'زهرا'],
  ['Fatima', 'فاطمه'],
  ['Nazanin', 'نازنین'],
  ['Hamid', 'حمید'],
  ['Rahim', 'رحیم'],
  ['Karim', 'کریم'],
  ['Jawad', 'جواد'],
  ['Sayed Jalal', 'سید جلال'],
  ['Shafiq', 'شفیق'],
  ['Wahid', 'وحید'],
  ['Zarmina', 'زرمینه'],
  ['Farid', 'فرید'],
  ['Habib', 'حبیب'],
  ['Nasrin', 'نسرین'],
  ['Mirwais', 'میرویس'],
  ['Ehsan', 'احسان'],
  ['Samiullah', 'سمیع‌الله'],
  ['Rahmatullah', 'رحمت‌الله'],
  ['Parwin', 'پروین'],
  ['Laila', 'لیلا'],
] as const;
const FAMILY = [
  ['Ahmadi', 'احمدی'],
  ['Rahimi', 'رحیمی'],
  ['Hakimi', 'حکیمی'],
  ['Sediqi', 'صدیقی'],
  ['Amiri', 'امیری'],
  ['Karimi', 'کریمی'],
  ['Noori', 'نوری'],
  ['Hashimi', 'هاشمی'],
  ['Wardak', 'وردک'],
  ['Popal', 'پوپل'],
  ['Safi', 'صافی'],
  ['Mohseni', 'محسنی'],
  ['Hussaini', 'حسینی'],
  ['Jalali', 'جلالی'],
  ['Nazari', 'نظری'],
  ['Haidari', 'حیدری'],
] as const;
const LANDMARKS = [
  ['the Jami mosque', 'مسجد جامع'],
  ['the district market', 'بازار ولسوالی'],
  ['the girls’ school', 'مکتب دخترانه'],
  ['the bus station', 'ایستگاه موترها'],
  ['a checkpoint on the main road', 'پاسگاه سرک عمومی'],
  ['the old bridge', 'پل کهنه'],
  ['the health clinic', 'کلینیک صحی'],
  ['a wedding hall', 'تالار عروسی'],
] as const;

/** A lead sentence naming a person, an age, a landmark and an hour (in the note's script). */
function particulars(rng: Rng, f: IncidentFields): string {
  const dari = /[\u0600-\u06FF]/.test(f.notes);
  const s = dari ? 1 : 0;
  const name = `${GIVEN[int(rng, 0, GIVEN.length - 1)]![s]} ${FAMILY[int(rng, 0, FAMILY.length - 1)]![s]}`;
  const age = int(rng, 16, 70);
  const landmark = LANDMARKS[int(rng, 0, LANDMARKS.length - 1)]![s];
  const hour = `${int(rng, 1, 12)}:${String(int(rng, 0, 11) * 5).padStart(2, '0')}`;
  return dari
    ? `${name}، ${age} ساله، حدود ساعت ${hour} در نزدیکی ${landmark} دیده شد. `
    : `${name}, ${age}, was last seen near ${landmark} at about ${hour}. `;
}

// ---- duplicates ----------------------------------------------------------------------------

function duplicateOf(rng: Rng, original: PlantedIncident, id: string): PlantedIncident {
  const copy: PlantedIncident = { ...original, id, mergedFrom: [], externalId: '' };
  Object.assign(copy, movedDate(rng, original));
  Object.assign(copy, movedPlace(rng, original));
  copy.actors = variedActors(rng, original.actors);
  copy.notes = retyped(rng, shortened(rng, original.notes));
  copy.title = retyped(rng, original.title);
  if (chance(rng, 0.4) && original.fatalities !== null) {
    const other = original.fatalities + int(rng, 1, 3);
    copy.fatalities = other;
    copy.fatalityReports = [{ count: other, sourceId: null, note: 'second researcher' }];
  }
  if (chance(rng, 0.1)) copy.subEventType = '';
  return copy;
}

type Dating = Pick<IncidentFields, 'dateStart' | 'dateEnd' | 'time' | 'timePrecision'>;

/** The same date seen by someone else: a day later, or only its week or month known. */
function movedDate(rng: Rng, original: PlantedIncident): Dating {
  const start = ms(original.dateStart);
  if (original.timePrecision !== 1) return pick3(original);
  const roll = rng();
  if (roll < 0.55) return { ...pick3(original), time: null };
  if (roll < 0.8) {
    const day = iso(start + (chance(rng, 0.5) ? 1 : -1) * DAY_MS);
    return { dateStart: day, dateEnd: null, time: null, timePrecision: 1 };
  }
  if (roll < 0.93) {
    const d = new Date(start);
    const monday = start - ((d.getUTCDay() + 6) % 7) * DAY_MS;
    return {
      dateStart: iso(monday),
      dateEnd: iso(monday + 6 * DAY_MS),
      time: null,
      timePrecision: 2,
    };
  }
  const d = new Date(start);
  return {
    dateStart: iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)),
    dateEnd: iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)),
    time: null,
    timePrecision: 3,
  };
}

const pick3 = (o: PlantedIncident): Dating => ({
  dateStart: o.dateStart,
  dateEnd: o.dateEnd,
  time: o.time,
  timePrecision: o.timePrecision,
});

/** Coordinates moved within the precision (km), or dropped with the province kept. */
function movedPlace(
  rng: Rng,
  original: PlantedIncident,
): Pick<IncidentFields, 'latitude' | 'longitude' | 'geoPrecision'> {
  if (original.latitude === null || original.longitude === null || chance(rng, 0.08)) {
    return { latitude: null, longitude: null, geoPrecision: original.geoPrecision };
  }
  const limitKm = original.geoPrecision === 1 ? 4 : original.geoPrecision === 2 ? 18 : 0;
  const km = rng() * limitKm;
  const angle = rng() * 2 * Math.PI;
  const dLat = (km / 111.2) * Math.cos(angle);
  const dLon = (km / (111.2 * Math.cos((original.latitude * Math.PI) / 180))) * Math.sin(angle);
  const round = (v: number) => Math.round(v * 1e5) / 1e5;
  return {
    latitude: round(original.latitude + dLat),
    longitude: round(original.longitude + dLon),
    geoPrecision: original.geoPrecision,
  };
}

const ABBREVIATIONS: readonly (readonly [RegExp, string])[] = [
  [/^.*\(([A-Z]{2,})\)$/, '$1'], // "Islamic State Khorasan Province (ISKP)" → "ISKP"
  [/\s*\((Afghanistan|2021-)\)/, ''], // "Civilians (Afghanistan)" → "Civilians"
];

function variedActors(rng: Rng, actors: readonly IncidentActor[]): IncidentActor[] {
  const out = actors.map((actor) => {
    let name = actor.name;
    if (chance(rng, 0.5)) for (const [from, to] of ABBREVIATIONS) name = name.replace(from, to);
    return { ...actor, name: retyped(rng, name) };
  });
  if (out.length > 1 && chance(rng, 0.5)) out.reverse();
  return out;
}

/** Whole sentences from the start, at least one, about 40–100 % of the note. */
function shortened(rng: Rng, notes: string): string {
  const sentences = notes.match(/[^.!?]+[.!?]+\s*/g) ?? [notes];
  const keep = Math.max(1, Math.round(sentences.length * (0.4 + 0.6 * rng())));
  return sentences.slice(0, keep).join('').trim();
}

/** Half the time, Persian letters typed on an Arabic keyboard: ی → ي, ک → ك. */
function retyped(rng: Rng, text: string): string {
  return chance(rng, 0.5) ? text.replace(/ی/g, 'ي').replace(/ک/g, 'ك') : text;
}

// ---- hard negatives ------------------------------------------------------------------------

/** Another event: same type and place a week or a month later, or same day elsewhere. */
function hardNegativeOf(
  rng: Rng,
  original: PlantedIncident,
  stranger: IncidentFields,
  base: readonly PlantedIncident[],
  id: string,
): PlantedIncident {
  const other: PlantedIncident = {
    ...stranger,
    id,
    eventType: original.eventType,
    subEventType: original.subEventType,
    actors: stranger.eventType === original.eventType ? stranger.actors : original.actors,
  };
  const roll = rng();
  if (roll < 0.66) {
    // Same place, after the original's dates: the next week or the next month.
    const last = ms(original.dateEnd ?? original.dateStart);
    const gap = roll < 0.33 ? int(rng, 7, 10) : int(rng, 28, 40);
    const end = original.timePrecision === 3 ? endOfMonth(last) : last;
    Object.assign(other, {
      dateStart: iso(end + gap * DAY_MS),
      dateEnd: null,
      time: null,
      timePrecision: 1,
      placeName: original.placeName,
      district: original.district,
      province: original.province,
      latitude: original.latitude,
      longitude: original.longitude,
      geoPrecision: original.geoPrecision,
    });
  } else {
    // Same type and dates, another province.
    let elsewhere = base[int(rng, 0, base.length - 1)]!;
    while (elsewhere.province === original.province)
      elsewhere = base[int(rng, 0, base.length - 1)]!;
    Object.assign(other, {
      dateStart: original.dateStart,
      dateEnd: original.dateEnd,
      time: original.time,
      timePrecision: original.timePrecision,
      placeName: elsewhere.placeName,
      district: elsewhere.district,
      province: elsewhere.province,
      latitude: elsewhere.latitude,
      longitude: elsewhere.longitude,
      geoPrecision: elsewhere.geoPrecision,
    });
  }
  return other;
}

function endOfMonth(day: number): number {
  const d = new Date(day);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);
}

/** Precision, recall and F1 of `found` pairs (pairKey form) against the planted ones. */
export function scoreAgainstTruth(
  found: Iterable<string>,
  truth: ReadonlySet<string>,
): { precision: number; recall: number; f1: number; truePositives: number; found: number } {
  let tp = 0;
  let count = 0;
  for (const pair of found) {
    count++;
    if (truth.has(pair)) tp++;
  }
  const precision = count === 0 ? 1 : tp / count;
  const recall = truth.size === 0 ? 1 : tp / truth.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives: tp, found: count };
}
