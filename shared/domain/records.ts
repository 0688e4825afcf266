/**
 * The record kinds Daftar stores, each with the schema that validates it. Storage, history,
 * bundles and merge are written once against this map instead of once per kind.
 */
import type { z } from 'zod';
import { incidentSchema, type IncidentFields } from './incident.ts';
import { linkSchema, type LinkFields } from './link.ts';
import { sourceSchema, type SourceFields } from './source.ts';
import {
  actorSchema,
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
}

export type RecordKind = keyof RecordFieldsByKind;

export const RECORD_KINDS = [
  'incident',
  'source',
  'link',
  'actor',
  'place',
] as const satisfies readonly RecordKind[];

export const recordSchemas: { [K in RecordKind]: z.ZodType<RecordFieldsByKind[K]> } = {
  incident: incidentSchema,
  source: sourceSchema,
  link: linkSchema,
  actor: actorSchema,
  place: placeSchema,
};

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
  const result = recordSchemas[kind].safeParse(value);
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
