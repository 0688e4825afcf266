/**
 * Field-level building blocks shared by the record schemas. Every error message is an i18n key
 * under `validation.` so the UI can say it in the user's language; `params` fill it in.
 */
import { z } from 'zod';
import { isIsoDate } from '../util/isoDate.ts';

export const LIMITS = {
  title: 500,
  shortText: 300,
  longText: 1_000_000,
  listItems: 200,
  tag: 80,
  url: 2_048,
} as const;

export const id = z.string().min(1).max(64);

export const shortText = z.string().trim().max(LIMITS.shortText, { error: 'validation.tooLong' });

export const longText = z.string().max(LIMITS.longText, { error: 'validation.tooLong' });

export const isoDate = z.string().refine(isIsoDate, { error: 'validation.invalidDate' });

export const optionalIsoDate = isoDate.nullable();

export const count = z
  .number({ error: 'validation.notANumber' })
  .int({ error: 'validation.wholeNumber' })
  .min(0, { error: 'validation.negative' })
  .max(10_000_000, { error: 'validation.tooLarge' });

export const latitude = z
  .number({ error: 'validation.notANumber' })
  .min(-90, { error: 'validation.latitudeRange' })
  .max(90, { error: 'validation.latitudeRange' });

export const longitude = z
  .number({ error: 'validation.notANumber' })
  .min(-180, { error: 'validation.longitudeRange' })
  .max(180, { error: 'validation.longitudeRange' });

export const tags = z
  .array(z.string().trim().min(1).max(LIMITS.tag, { error: 'validation.tooLong' }))
  .max(LIMITS.listItems, { error: 'validation.tooMany' });

export const aliases = tags;

/** Metadata every stored record carries; derived from its change history, never edited. */
export const recordMeta = {
  id,
  /** Clock of the change that created the record. */
  created: z.string(),
  /** Clock of the latest change applied to the record. */
  updated: z.string(),
};
