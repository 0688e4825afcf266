/**
 * What the find engine knows about an incident from other records: its links to sources (and
 * so their grades, and the incidents a source's text finds), the open review threads on it and
 * its unresolved conflicts. Kept by id, not by slot, so records may arrive in any order — a link
 * before its source or its incident, an annotation before what it is about — and the answer is
 * the same once all have arrived. Each setter returns the incidents whose joined values may have
 * changed, for the engine to refresh their columns.
 */
import type { AnnotatableKind } from '../../shared/domain/annotation.ts';
import type { StoredRecord } from '../../shared/domain/records.ts';
import { RELIABILITY_GRADES, type Reliability } from '../../shared/domain/vocabulary.ts';

export const GRADE_BIT: Readonly<Record<Reliability, number>> = Object.fromEntries(
  RELIABILITY_GRADES.map((grade, i) => [grade, 1 << i]),
) as Record<Reliability, number>;

interface AnnotationFacts {
  targetKind: AnnotatableKind;
  targetId: string;
  /** The first annotation of a thread that is open. */
  openRoot: boolean;
}

const INCIDENT_PREFIX = 'incident:';

export class FindJoins {
  private readonly links = new Map<string, { incidentId: string; sourceId: string }>();
  /** incident id → link id → source id, and the reverse. */
  private readonly sourcesOf = new Map<string, Map<string, string>>();
  private readonly incidentsOf = new Map<string, Map<string, string>>();
  /** Sources present, with their grade. */
  private readonly grades = new Map<string, Reliability | null>();
  private readonly annotations = new Map<string, AnnotationFacts>();
  private readonly openThreads = new Map<string, number>();
  /** Conflict row id → the incident it is about (null: another kind of record). */
  private readonly conflicts = new Map<string, string | null>();
  private readonly conflictCounts = new Map<string, number>();

  get linkCount(): number {
    return this.links.size;
  }

  get conflictCount(): number {
    return this.conflicts.size;
  }

  get annotationCount(): number {
    return this.annotations.size;
  }

  get sourceCount(): number {
    return this.grades.size;
  }

  linkIds(): string[] {
    return [...this.links.keys()];
  }

  sourceIds(): string[] {
    return [...this.grades.keys()];
  }

  annotationIds(): string[] {
    return [...this.annotations.keys()];
  }

  conflictIds(): string[] {
    return [...this.conflicts.keys()];
  }

  hasSource(id: string): boolean {
    return this.grades.has(id);
  }

  /** Bits of the grades of the sources linked to the incident (GRADE_BIT); 0 when none graded. */
  gradeMask(incidentId: string): number {
    let mask = 0;
    for (const sourceId of this.sourcesOf.get(incidentId)?.values() ?? []) {
      const grade = this.grades.get(sourceId);
      if (grade) mask |= GRADE_BIT[grade];
    }
    return mask;
  }

  openThreadsOn(incidentId: string): number {
    return this.openThreads.get(incidentId) ?? 0;
  }

  conflictsOn(incidentId: string): number {
    return this.conflictCounts.get(incidentId) ?? 0;
  }

  /** Incidents linked to the source. */
  incidentsOfSource(sourceId: string): Iterable<string> {
    return this.incidentsOf.get(sourceId)?.values() ?? [];
  }

  /** What an annotation is about, when known. */
  targetOf(annotationId: string): { targetKind: AnnotatableKind; targetId: string } | undefined {
    return this.annotations.get(annotationId);
  }

  setLink(id: string, record: StoredRecord<'link'> | null): string[] {
    const touched: string[] = [];
    const before = this.links.get(id);
    if (before) {
      unindex(this.sourcesOf, before.incidentId, id);
      unindex(this.incidentsOf, before.sourceId, id);
      this.links.delete(id);
      touched.push(before.incidentId);
    }
    if (record) {
      const { incidentId, sourceId } = record;
      this.links.set(id, { incidentId, sourceId });
      index(this.sourcesOf, incidentId, id, sourceId);
      index(this.incidentsOf, sourceId, id, incidentId);
      touched.push(incidentId);
    }
    return touched;
  }

  /** A source stored (`grade` given) or removed (undefined). */
  setSource(id: string, grade: Reliability | null | undefined): string[] {
    const before = this.grades.get(id);
    if (grade === undefined) this.grades.delete(id);
    else this.grades.set(id, grade);
    return before === grade ? [] : [...this.incidentsOfSource(id)];
  }

  setAnnotation(id: string, record: StoredRecord<'annotation'> | null): string[] {
    const touched: string[] = [];
    const before = this.annotations.get(id);
    if (before) {
      this.annotations.delete(id);
      if (before.openRoot && before.targetKind === 'incident') {
        count(this.openThreads, before.targetId, -1);
        touched.push(before.targetId);
      }
    }
    if (record) {
      const facts: AnnotationFacts = {
        targetKind: record.targetKind,
        targetId: record.targetId,
        openRoot: record.replyTo === null && record.state === 'open',
      };
      this.annotations.set(id, facts);
      if (facts.openRoot && facts.targetKind === 'incident') {
        count(this.openThreads, facts.targetId, 1);
        touched.push(facts.targetId);
      }
    }
    return touched;
  }

  /** A conflict row stored (its `record`, `kind:recordId`) or removed (null). */
  setConflict(id: string, recordKey: string | null): string[] {
    const touched: string[] = [];
    const before = this.conflicts.get(id);
    if (before !== undefined) {
      this.conflicts.delete(id);
      if (before !== null) {
        count(this.conflictCounts, before, -1);
        touched.push(before);
      }
    }
    if (recordKey !== null) {
      const incidentId = recordKey.startsWith(INCIDENT_PREFIX)
        ? recordKey.slice(INCIDENT_PREFIX.length)
        : null;
      this.conflicts.set(id, incidentId);
      if (incidentId !== null) {
        count(this.conflictCounts, incidentId, 1);
        touched.push(incidentId);
      }
    }
    return touched;
  }
}

function index(map: Map<string, Map<string, string>>, key: string, linkId: string, to: string) {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  inner.set(linkId, to);
}

function unindex(map: Map<string, Map<string, string>>, key: string, linkId: string) {
  const inner = map.get(key);
  if (!inner) return;
  inner.delete(linkId);
  if (inner.size === 0) map.delete(key);
}

function count(map: Map<string, number>, key: string, by: number) {
  const n = (map.get(key) ?? 0) + by;
  if (n === 0) map.delete(key);
  else map.set(key, n);
}
