/**
 * Annotation: a reviewer's comment, question, suggested correction or flag on an incident or a
 * source — on the whole record, on one of its fields, or on a quoted passage of its text — and
 * the replies to it. It never touches the record it is about; it is a record of its own kind,
 * so it is stored, merged, undone and carried in bundles like every other record.
 *
 * What it is about (target, field, anchor, thread, type) is fixed when it is made
 * (IMMUTABLE_FIELDS in records.ts); the body can be edited and a thread opened and resolved.
 */
import { z } from 'zod';
import * as f from './fields.ts';

export const ANNOTATION_TYPES = ['comment', 'question', 'correction', 'flag'] as const;
export type AnnotationType = (typeof ANNOTATION_TYPES)[number];

export const ANNOTATION_STATES = ['open', 'resolved'] as const;
export type AnnotationState = (typeof ANNOTATION_STATES)[number];

export const ANNOTATABLE_KINDS = ['incident', 'source'] as const;
export type AnnotatableKind = (typeof ANNOTATABLE_KINDS)[number];

/** The text fields a passage can be quoted from. */
export const QUOTABLE_FIELDS: Readonly<Record<AnnotatableKind, readonly string[]>> = {
  incident: ['notes'],
  source: ['excerpt', 'fullText'],
};

export const ANNOTATION_BODY_MAX = 20_000;
/** A quoted passage longer than this is refused; reviewers quote sentences, not chapters. */
export const QUOTE_MAX = 5_000;

/**
 * A passage: its quote and some context (shared/review/textAnchor.ts) plus the clock of the
 * text it was quoted from — while the text has not changed, its position is exact.
 */
export const passageAnchor = z
  .object({
    exact: z.string().min(1).max(QUOTE_MAX),
    prefix: z.string().max(64),
    suffix: z.string().max(64),
    start: z.number().int().min(0).max(f.LIMITS.longText),
    end: z.number().int().min(1).max(f.LIMITS.longText),
    fieldClock: z.string().max(100),
  })
  .strict()
  .refine((a) => a.start < a.end, { error: 'validation.invalid' });
export type PassageAnchor = z.infer<typeof passageAnchor>;

export const annotationFields = z.object({
  targetKind: z.enum(ANNOTATABLE_KINDS),
  targetId: f.id,
  /**
   * The device that made the record it is about (its creation clock names it): whose review
   * queue an open thread counts in, read from one index instead of a join over every record.
   */
  targetOwner: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'validation.invalid' }),
  /** The field it is about; '' for the whole record. */
  field: z
    .string()
    .max(64)
    .regex(/^[A-Za-z]*$/, { error: 'validation.invalid' }),
  anchor: passageAnchor.nullable(),
  /** The annotation this one answers (the thread's first); null for a thread's first. */
  replyTo: f.id.nullable(),
  type: z.enum(ANNOTATION_TYPES),
  body: z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(ANNOTATION_BODY_MAX, { error: 'validation.tooLong' }),
  /** For a suggested correction: the value proposed, as text. */
  suggestion: f.longText.nullable(),
  /** Of a thread (kept on its first annotation; replies stay open). */
  state: z.enum(ANNOTATION_STATES),
});
export type AnnotationFields = z.infer<typeof annotationFields>;

export const annotationSchema = annotationFields.superRefine((value, ctx) => {
  if (value.anchor !== null) {
    if (!QUOTABLE_FIELDS[value.targetKind].includes(value.field)) {
      ctx.addIssue({ code: 'custom', path: ['anchor'], message: 'validation.notQuotable' });
    }
    if (value.replyTo !== null) {
      ctx.addIssue({ code: 'custom', path: ['anchor'], message: 'validation.invalid' });
    }
  }
  if (value.suggestion !== null && value.type !== 'correction') {
    ctx.addIssue({ code: 'custom', path: ['suggestion'], message: 'validation.invalid' });
  }
});

/** A new thread's first annotation, or a reply to `root`. */
export function newAnnotation(
  target: { kind: AnnotatableKind; id: string; owner: string; field?: string },
  type: AnnotationType,
  body: string,
  extra: { anchor?: PassageAnchor; suggestion?: string } = {},
): AnnotationFields {
  return {
    targetKind: target.kind,
    targetId: target.id,
    targetOwner: target.owner,
    field: target.field ?? '',
    anchor: extra.anchor ?? null,
    replyTo: null,
    type,
    body,
    suggestion: extra.suggestion ?? null,
    state: 'open',
  };
}

export function replyTo(
  root: AnnotationFields & { id: string },
  body: string,
  type: AnnotationType = 'comment',
): AnnotationFields {
  return {
    targetKind: root.targetKind,
    targetId: root.targetId,
    targetOwner: root.targetOwner,
    field: root.field,
    anchor: null,
    replyTo: root.id,
    type,
    body,
    suggestion: null,
    state: 'open',
  };
}
