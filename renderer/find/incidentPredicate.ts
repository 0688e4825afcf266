/**
 * The structured part of an IncidentFilter (everything but the text) turned into one test over
 * the incident table's columns: each field becomes a lookup table over its dictionary codes or
 * a pair of numbers, so testing an incident touches no string. Semantics are IncidentFilter's
 * (renderer/data/incidentFilter.ts); this file is the one place they are implemented for the
 * engine.
 */
import type { IncidentFilter } from '../data/incidentFilter.ts';
import { RECORD_STATUSES, reviewStatusOf } from '../../shared/domain/vocabulary.ts';
import type { FacetDictionary } from './facetDictionary.ts';
import { GRADE_BIT } from './findJoins.ts';
import { dateNumber, type IncidentTable } from './incidentTable.ts';

export type SlotTest = (slot: number) => boolean;

/** The test of `filter`'s structured fields, or null when it has none (every incident passes). */
export function incidentPredicate(table: IncidentTable, filter: IncidentFilter): SlotTest | null {
  const tests: SlotTest[] = [];
  const t = table;
  if (filter.dateTo !== null) {
    const to = dateNumber(filter.dateTo);
    tests.push((slot) => t.dateStart[slot]! <= to);
  }
  if (filter.dateFrom !== null) {
    const from = dateNumber(filter.dateFrom);
    tests.push((slot) => t.dateEnd[slot]! >= from);
  }
  const single = (values: readonly string[] | null, dict: FacetDictionary, column: Int32Array) => {
    if (values === null) return;
    const mask = dict.mask(values);
    tests.push((slot) => mask[column[slot]!] === 1);
  };
  const any = (
    values: readonly string[] | null,
    dict: FacetDictionary,
    lists: (readonly number[])[],
  ) => {
    if (values === null) return;
    const mask = dict.mask(values);
    tests.push((slot) => lists[slot]!.some((code) => mask[code] === 1));
  };
  single(filter.eventTypes, t.eventTypes, t.eventType);
  single(filter.subEventTypes, t.subEventTypes, t.subEventType);
  single(filter.provinces, t.provinces, t.province);
  single(filter.districts, t.districts, t.district);
  any(filter.actors, t.actorNames, t.actors);
  any(filter.tags, t.tagNames, t.tags);
  if (filter.statuses !== null) {
    const statuses = filter.statuses;
    const mask = Uint8Array.from(RECORD_STATUSES, (s) =>
      statuses.includes(reviewStatusOf(s)) ? 1 : 0,
    );
    tests.push((slot) => mask[t.status[slot]!] === 1);
  }
  if (filter.reliabilities !== null) {
    let bits = 0;
    let none = false;
    for (const grade of filter.reliabilities) {
      if (grade === 'none') none = true;
      else bits |= GRADE_BIT[grade];
    }
    tests.push((slot) => {
      const mask = t.grades[slot]!;
      return (mask & bits) !== 0 || (none && mask === 0);
    });
  }
  if (filter.hasConflicts !== null) {
    const wanted = filter.hasConflicts;
    tests.push((slot) => t.conflicts[slot]! > 0 === wanted);
  }
  if (filter.hasOpenAnnotations !== null) {
    const wanted = filter.hasOpenAnnotations;
    tests.push((slot) => t.openThreads[slot]! > 0 === wanted);
  }
  switch (tests.length) {
    case 0:
      return null;
    case 1:
      return tests[0]!;
    default:
      return (slot) => tests.every((test) => test(slot));
  }
}
