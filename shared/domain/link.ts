/**
 * Link between an incident and a source, saying which of the incident's fields the source
 * supports. A link is a record of its own so that it carries its own history and travels alone.
 */
import { z } from 'zod';
import * as f from './fields.ts';
import { SUPPORTABLE_FIELDS } from './vocabulary.ts';

export const linkFields = z.object({
  incidentId: f.id,
  sourceId: f.id,
  supports: z.array(z.enum(SUPPORTABLE_FIELDS)).max(SUPPORTABLE_FIELDS.length),
  note: f.shortText,
});
export type LinkFields = z.infer<typeof linkFields>;
export const linkSchema = linkFields;
export type Link = LinkFields & { id: string; created: string; updated: string };

/** A link's id is derived from its two ends, so linking twice (or on two devices) is one link. */
export function linkId(incidentId: string, sourceId: string): string {
  return `${incidentId}~${sourceId}`;
}
