/**
 * One pair of incidents scored as possible duplicates: 0–1, with the reasons a person is shown.
 *
 * Dates and places are gates — outside their precision the pair is no candidate at all. The
 * score is a weighted mean of how well each kind of evidence agrees (date, place, sub-type,
 * actors, notes, fatalities); evidence one record lacks counts as NEUTRAL, a little below even,
 * so two sparse records never look alike for want of anything to tell them apart.
 *
 * `pairScore` is the search's fast path — numbers only, nothing allocated for a pair ruled out —
 * and `explainPair` lists the reasons for the few pairs that become candidates.
 */
import { actorOverlap } from './actorKeys.ts';
import { compareDates } from './dateSpan.ts';
import { notesSimilarity, type NotesIndex } from './notesSimilarity.ts';
import { comparePlaces } from './placeCloseness.ts';
import type { PreparedIncident } from './prepareIncident.ts';

export type ReasonKey =
  | 'sameDay'
  | 'datesOverlap'
  | 'oneDayApart'
  | 'sameWeek'
  | 'sameMonth'
  | 'placeWithin'
  | 'sameDistrict'
  | 'sameProvince'
  | 'eventTypeMissing'
  | 'sameSubType'
  | 'subTypeDiffers'
  | 'actorsShared'
  | 'actorsDiffer'
  | 'notesSimilar'
  | 'sameFatalities'
  | 'sharedFatalityFigure'
  | 'similarFatalities'
  | 'fatalitiesDiffer';

/** One reason shown to the person: an i18n key (`duplicates.reason.<key>`) and its parameters. */
export interface DuplicateReason {
  key: ReasonKey;
  params: Record<string, string | number>;
  /** Whether it speaks for the pair being one event (false: against, or only informative). */
  supports: boolean;
}

const WEIGHTS = {
  date: 0.2,
  place: 0.2,
  subType: 0.05,
  actors: 0.2,
  notes: 0.25,
  fatalities: 0.1,
} as const;
const TOTAL_WEIGHT = Object.values(WEIGHTS).reduce((s, w) => s + w, 0);
/** The agreement assumed for evidence one record lacks. */
const NEUTRAL = 0.4;
/** How steeply notes similarity counts (see notesAgreement). */
const NOTES_EXPONENT = 2;

/**
 * The pair's score, or null when it is no candidate — or, when `atLeast` is given, when it
 * cannot reach it: the notes, the costliest comparison, are weighed last and skipped when even
 * full agreement could not lift the pair that far.
 */
export function pairScore(
  a: PreparedIncident,
  b: PreparedIncident,
  notesIndex: NotesIndex,
  atLeast = 0,
): number | null {
  const date = compareDates(a.span, b.span);
  if (date === null) return null;
  const place = comparePlaces(a.place, b.place);
  if (place.match === false) return null;
  let sum = WEIGHTS.date * date.score;
  sum += WEIGHTS.place * (place.match === true ? place.score : NEUTRAL);
  if (a.subType !== '' && b.subType !== '') {
    if (a.subType === b.subType) sum += WEIGHTS.subType;
  } else sum += WEIGHTS.subType * NEUTRAL;
  const actors = actorOverlap(a.actors, b.actors, false);
  sum += WEIGHTS.actors * (actors === null ? NEUTRAL : actors.jaccard);
  sum += WEIGHTS.fatalities * (fatalityScore(a, b) ?? NEUTRAL);
  if ((sum + WEIGHTS.notes) / TOTAL_WEIGHT < atLeast) return null;
  const notes = notesSimilarity(a.notes, b.notes, notesIndex);
  sum += WEIGHTS.notes * (notes === null ? NEUTRAL : notesAgreement(notes));
  return Math.round((sum / TOTAL_WEIGHT) * 1000) / 1000;
}

/** What speaks for and against a pair, in the order the score weighs it. */
export function explainPair(
  a: PreparedIncident,
  b: PreparedIncident,
  notesIndex: NotesIndex,
): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  const date = compareDates(a.span, b.span);
  if (date) reasons.push({ key: date.key, params: {}, supports: true });
  const place = comparePlaces(a.place, b.place);
  if (place.match === true) {
    reasons.push({
      key: place.key,
      params:
        place.key === 'placeWithin'
          ? { km: place.km ?? 0, limitKm: place.limitKm ?? 0 }
          : { name: place.key === 'sameDistrict' ? a.districtLabel : a.provinceLabel },
      supports: true,
    });
  }
  if (a.type === '' || b.type === '') {
    reasons.push({ key: 'eventTypeMissing', params: {}, supports: false });
  }
  if (a.subType !== '' && b.subType !== '') {
    reasons.push(
      a.subType === b.subType
        ? { key: 'sameSubType', params: { subType: a.subTypeLabel }, supports: true }
        : {
            key: 'subTypeDiffers',
            params: { a: a.subTypeLabel, b: b.subTypeLabel },
            supports: false,
          },
    );
  }
  const actors = actorOverlap(a.actors, b.actors);
  if (actors !== null) {
    reasons.push(
      actors.jaccard > 0
        ? {
            key: 'actorsShared',
            params: { names: actors.shared.join('; '), percent: percent(actors.jaccard) },
            supports: true,
          }
        : { key: 'actorsDiffer', params: {}, supports: false },
    );
  }
  const notes = notesSimilarity(a.notes, b.notes, notesIndex);
  if (notes !== null) {
    reasons.push({
      key: 'notesSimilar',
      params: { percent: percent(notes) },
      supports: notes >= 0.5,
    });
  }
  const fatalities = fatalityReason(a, b);
  if (fatalities) reasons.push(fatalities);
  return reasons;
}

/**
 * How much a notes similarity counts: steeply, since unrelated notes from one district share
 * stock phrases ("No group has claimed responsibility") while a copied or shortened note of the
 * same event shares nearly every word.
 */
function notesAgreement(similarity: number): number {
  return similarity ** NOTES_EXPONENT;
}

/**
 * Whether the fatality figures agree: 1 the same, 0.8 one figure given by both, 0.5 close, 0 far
 * apart; null when either record has none.
 */
function fatalityScore(a: PreparedIncident, b: PreparedIncident): number | null {
  const x = a.fatalities;
  const y = b.fatalities;
  if (x === null || y === null) return null;
  if (x === y) return 1;
  if (sharedFigure(a, b) !== undefined) return 0.8;
  return Math.abs(x - y) <= Math.max(1, 0.25 * Math.max(x, y)) ? 0.5 : 0;
}

function sharedFigure(a: PreparedIncident, b: PreparedIncident): number | undefined {
  for (const n of a.figures) if (b.figures.includes(n)) return n;
  return undefined;
}

function fatalityReason(a: PreparedIncident, b: PreparedIncident): DuplicateReason | null {
  const score = fatalityScore(a, b);
  if (score === null) return null;
  const both = { a: a.fatalities ?? 0, b: b.fatalities ?? 0 };
  if (score === 1) return { key: 'sameFatalities', params: { count: both.a }, supports: true };
  if (score === 0.8) {
    return {
      key: 'sharedFatalityFigure',
      params: { count: sharedFigure(a, b) ?? 0 },
      supports: true,
    };
  }
  return score > 0
    ? { key: 'similarFatalities', params: both, supports: true }
    : { key: 'fatalitiesDiffer', params: both, supports: false };
}

const percent = (x: number) => Math.round(x * 100);
