/**
 * What counts as a reviewer's work, as opposed to a record's content: annotations (threads,
 * replies, their resolution) and verification steps — change sets of an incident or a source
 * that write nothing but `status` and `statusReason`. A review-only bundle (scope `review`)
 * carries exactly this, for one device; and a step hands on no evidence, so it leaves a source's
 * chain of custody alone (a status is a judgement about the source, not part of it).
 */
import type { ChangeSet } from '../sync/changes.ts';

/** The fields a verification step writes (reviewData.ts `setStatus`). */
export const STATUS_FIELDS: readonly string[] = ['status', 'statusReason'];

/** Whether a change set is a verification step: only the status of an incident or a source. */
export function isStatusStep(set: Pick<ChangeSet, 'kind' | 'fields'>): boolean {
  if (set.kind !== 'incident' && set.kind !== 'source') return false;
  const fields = Object.keys(set.fields);
  return fields.length > 0 && fields.every((field) => STATUS_FIELDS.includes(field));
}

/** Whether a change set is review work of `device`: its annotations and its status steps. */
export function isReviewWork(set: ChangeSet, device: string): boolean {
  return set.device === device && (set.kind === 'annotation' || isStatusStep(set));
}
