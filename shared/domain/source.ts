/**
 * Source: what reports an incident — an article, a report, a statement, a post, an interview —
 * graded on the admiralty scale. Attachments are referenced by their SHA-256; their bytes are
 * stored once, keyed by that hash, and never modified.
 */
import { z } from 'zod';
import { isPlainWebUrl } from '../util/url.ts';
import * as f from './fields.ts';
import {
  CREDIBILITY_GRADES,
  RECORD_STATUSES,
  RELIABILITY_GRADES,
  SOURCE_KINDS,
} from './vocabulary.ts';

export const attachmentRef = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'validation.invalidHash' }),
  name: f.shortText.min(1),
  mediaType: z.string().max(200),
  size: z.number().int().min(0),
  /** ISO timestamp of when it was added. */
  addedAt: z.string(),
});
export type AttachmentRef = z.infer<typeof attachmentRef>;

const httpUrl = z
  .string()
  .trim()
  .max(f.LIMITS.url, { error: 'validation.tooLong' })
  .refine((value) => value === '' || isHttpUrl(value), { error: 'validation.invalidUrl' });

export function isHttpUrl(value: string): boolean {
  return isPlainWebUrl(value);
}

export const sourceFields = z.object({
  kind: z.enum(SOURCE_KINDS),
  title: f.shortText.min(1, { error: 'validation.titleRequired' }),
  outlet: f.shortText,
  author: f.shortText,
  url: httpUrl,
  publishedAt: f.optionalIsoDate,
  capturedAt: f.optionalIsoDate,
  language: z
    .string()
    .regex(/^$|^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'validation.invalidLanguage' }),
  reliability: z.enum(RELIABILITY_GRADES).nullable(),
  credibility: z
    .number()
    .refine((n) => (CREDIBILITY_GRADES as readonly number[]).includes(n), {
      error: 'validation.invalidChoice',
    })
    .nullable(),
  excerpt: f.longText,
  fullText: f.longText,
  attachments: z.array(attachmentRef).max(f.LIMITS.listItems, { error: 'validation.tooMany' }),
  /** Verification, as on incidents (added with review: see LATER_FIELDS in records.ts). */
  status: z.enum(RECORD_STATUSES),
  statusReason: f.shortText,
});
export type SourceFields = z.infer<typeof sourceFields>;

export const sourceSchema = sourceFields.superRefine((value, ctx) => {
  if (value.publishedAt && value.capturedAt && value.capturedAt < value.publishedAt) {
    ctx.addIssue({
      code: 'custom',
      path: ['capturedAt'],
      message: 'validation.capturedBeforePublished',
    });
  }
});

export type Source = SourceFields & { id: string; created: string; updated: string };

export function emptySource(today: string): SourceFields {
  return {
    kind: 'newsArticle',
    title: '',
    outlet: '',
    author: '',
    url: '',
    publishedAt: null,
    capturedAt: today,
    language: '',
    reliability: null,
    credibility: null,
    excerpt: '',
    fullText: '',
    attachments: [],
    status: 'draft',
    statusReason: '',
  };
}
