/**
 * The record kinds Daftar stores, each with the schema that validates it. Storage, history,
 * bundles and merge are written once against this map instead of once per kind.
 */
import { z } from 'zod';
import { annotationFields, annotationSchema, type AnnotationFields } from './annotation.ts';
import { incidentFields, incidentSchema, type IncidentFields } from './incident.ts';
import { linkFields, linkSchema, type LinkFields } from './link.ts';
import { sourceFields, sourceSchema, type SourceFields } from './source.ts';
import {
  actorFields,
  actorSchema,
  placeFields,
  placeSchema,
  type ActorFields,
  type PlaceFields,
} from './vocabularyRecords.ts';

export interface RecordFieldsByKind {
  incident: IncidentFields;
  source: SourceFields;
  link: LinkFields;
  actor: ActorFields;
  place: PlaceFields;
  annotation: AnnotationFields;
}

export type RecordKind = keyof RecordFieldsByKind;

export const RECORD_KINDS = [
  'incident',
  'source',
  'link',
  'actor',
  'place',
  'annotation',
] as const satisfies readonly RecordKind[];

export const recordSchemas: { [K in RecordKind]: z.ZodType<RecordFieldsByKind[K]> } = {
  incident: incidentSchema,
  source: sourceSchema,
  link: linkSchema,
  actor: actorSchema,
  place: placeSchema,
  annotation: annotationSchema,
};

/** Each kind's fields without the rules between them, for checking fields one by one. */
const fieldObjects = {
  incident: incidentFields,
  source: sourceFields,
  link: linkFields,
  actor: actorFields,
  place: placeFields,
  annotation: annotationFields,
} as const;

const changeSchemas = Object.fromEntries(
  RECORD_KINDS.map((kind) => [
    kind,
    fieldObjects[kind].partial().extend({ deleted: z.boolean().optional() }).strict(),
  ]),
) as unknown as {
  [K in RecordKind]: z.ZodType<Partial<RecordFieldsByKind[K]> & { deleted?: boolean }>;
};

/**
 * The fields of one change (from another device, in a bundle): each field present must be valid
 * on its own and known to this version; rules between fields are left to the merged record, since
 * two valid concurrent edits can together break one (an end date moved before a start date).
 */
export function validateChangeFields<K extends RecordKind>(
  kind: K,
  value: unknown,
): Validated<Partial<RecordFieldsByKind[K]> & { deleted?: boolean }> {
  return toValidated(changeSchemas[kind].safeParse(value));
}

/**
 * Fields added to a kind after records of it were stored and exchanged, with the value a record
 * made before them has. A record merged from older change sets lacks them; it is still whole.
 */
export const LATER_FIELDS: { readonly [K in RecordKind]?: Partial<RecordFieldsByKind[K]> } = {
  incident: { statusReason: '', externalId: '', mergedFrom: [] },
  source: { status: 'draft', statusReason: '' },
};

/** `fields` with every later field it lacks set to its default. */
export function withLaterFields<T extends object>(kind: RecordKind, fields: T): T {
  const later = LATER_FIELDS[kind];
  if (later === undefined) return fields;
  let out = fields;
  for (const [field, value] of Object.entries(later)) {
    if (!(field in out)) out = { ...out, [field]: value };
  }
  return out;
}

/**
 * Fields a record of the kind keeps from its creation on: what an annotation is about. The data
 * layer refuses an edit of them, and a bundle whose change set writes one without creating the
 * record (writing every field) is refused (readBundle), so a reply cannot be moved to another
 * thread nor a comment to another record.
 */
export const IMMUTABLE_FIELDS: { readonly [K in RecordKind]?: readonly string[] } = {
  annotation: ['targetKind', 'targetId', 'targetOwner', 'field', 'anchor', 'replyTo', 'type'],
};

/** Whether a change of `fields` edits a field fixed at creation without creating the record. */
export function editsImmutableField(kind: RecordKind, fields: Record<string, unknown>): boolean {
  const fixed = IMMUTABLE_FIELDS[kind];
  if (fixed === undefined || !fixed.some((field) => field in fields)) return false;
  return !hasEveryField(kind, fields);
}

/** Whether merged fields make a whole record (a change that creates it may not have arrived). */
export function hasEveryField(kind: RecordKind, fields: Record<string, unknown>): boolean {
  const later = LATER_FIELDS[kind] ?? {};
  for (const field in fieldObjects[kind].shape) {
    if (!(field in fields) && !(field in later)) return false;
  }
  return true;
}

/** What every stored record has besides its fields; derived from the change history. */
export interface RecordMeta {
  id: string;
  /** Clock of the change that created the record. */
  created: string;
  /** Clock of the latest change applied. */
  updated: string;
}

export type StoredRecord<K extends RecordKind> = RecordFieldsByKind[K] & RecordMeta;

export interface ValidationIssue {
  /** Dotted path of the field, e.g. `latitude` or `actors.0.name`. */
  field: string;
  /** i18n key under `validation.` */
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

export function validateRecord<K extends RecordKind>(
  kind: K,
  value: unknown,
): Validated<RecordFieldsByKind[K]> {
  return toValidated(recordSchemas[kind].safeParse(value));
}

function toValidated<T>(result: z.ZodSafeParseResult<T>): Validated<T> {
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.'),
      message: issue.message.startsWith('validation.') ? issue.message : 'validation.invalid',
    })),
  };
}

/** Thrown by the data layer when a write would store an invalid record; nothing is written. */
export class RecordValidationError extends Error {
  constructor(
    readonly kind: RecordKind,
    readonly issues: ValidationIssue[],
  ) {
    super(
      `Invalid ${kind}: ${issues.map((i) => `${i.field || '(record)'} ${i.message}`).join('; ')}`,
    );
    this.name = 'RecordValidationError';
  }
}
