/**
 * Small record builders for the find engine's tests: valid-shaped stored records with only the
 * fields a test cares about given, and the FindChange that stores or removes each.
 */
import type { AnnotationFields } from '../../shared/domain/annotation.ts';
import { emptyIncident, type IncidentFields } from '../../shared/domain/incident.ts';
import { linkId } from '../../shared/domain/link.ts';
import type { StoredRecord } from '../../shared/domain/records.ts';
import { emptySource, type SourceFields } from '../../shared/domain/source.ts';
import type { FindChange } from './findTypes.ts';

const meta = (id: string, updated = '2024-01-01T00:00:00.000Z_0000_dev') => ({
  id,
  created: '2024-01-01T00:00:00.000Z_0000_dev',
  updated,
});

export function incident(
  id: string,
  fields: Partial<IncidentFields> & { updated?: string } = {},
): StoredRecord<'incident'> {
  const { updated, ...rest } = fields;
  return { ...emptyIncident('2024-01-01'), title: `Incident ${id}`, ...rest, ...meta(id, updated) };
}

export function source(id: string, fields: Partial<SourceFields> = {}): StoredRecord<'source'> {
  return { ...emptySource('2024-01-01'), title: `Source ${id}`, ...fields, ...meta(id) };
}

export function link(incidentId: string, sourceId: string): StoredRecord<'link'> {
  return { incidentId, sourceId, supports: [], note: '', ...meta(linkId(incidentId, sourceId)) };
}

export function annotation(
  id: string,
  target: { kind: 'incident' | 'source'; id: string },
  fields: Partial<AnnotationFields> = {},
): StoredRecord<'annotation'> {
  return {
    targetKind: target.kind,
    targetId: target.id,
    targetOwner: 'dev',
    field: '',
    anchor: null,
    replyTo: null,
    type: 'comment',
    body: 'A comment',
    suggestion: null,
    state: 'open',
    ...fields,
    ...meta(id),
  };
}

type Stored =
  | StoredRecord<'incident'>
  | StoredRecord<'source'>
  | StoredRecord<'link'>
  | StoredRecord<'annotation'>;

/** The change that stores `record`. */
export function put(record: Stored): FindChange {
  if ('incidentId' in record) return { kind: 'link', id: record.id, record };
  if ('targetKind' in record) return { kind: 'annotation', id: record.id, record };
  if ('outlet' in record) return { kind: 'source', id: record.id, record };
  return { kind: 'incident', id: record.id, record };
}

/** The change that removes the record of that kind and id. */
export const removed = (kind: 'incident' | 'source' | 'link' | 'annotation', id: string) =>
  ({ kind, id, record: null }) as FindChange;

/** A conflict row on the incident's `field` (its id as the data layer makes it). */
export const conflict = (incidentId: string, field = 'title'): FindChange => ({
  kind: 'conflict',
  id: `incident:${incidentId}|${field}`,
  record: `incident:${incidentId}`,
});
