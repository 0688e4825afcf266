/** The fields of a record a thread can be about: all but its verification, which has its own. */
import type { AnnotatableKind } from '../../../shared/domain/annotation.ts';
import { incidentFields } from '../../../shared/domain/incident.ts';
import { sourceFields } from '../../../shared/domain/source.ts';

const REVIEW_FIELDS = new Set(['status', 'statusReason']);

export const ANNOTATABLE_FIELDS: Readonly<Record<AnnotatableKind, readonly string[]>> = {
  incident: Object.keys(incidentFields.shape).filter((f) => !REVIEW_FIELDS.has(f)),
  source: Object.keys(sourceFields.shape).filter((f) => !REVIEW_FIELDS.has(f)),
};
