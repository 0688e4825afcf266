/**
 * Import messages as text: a reader's or the dry run's message key with its parameters, a field
 * name also given as its label (`fieldLabel`); a location as "Line 12" or "Feature 3" (features
 * count from 1 for people; the readers count from 0); a refused file's error as a sentence.
 */
import type { TFunction } from 'i18next';
import { MAPPABLE_FIELDS } from '../../../shared/interchange/columnMapping.ts';
import {
  ImportError,
  type FileLocation,
  type ImportMessage,
} from '../../../shared/interchange/imported.ts';

/** The label of a mapping target (`actor1`, `sourceNames`…) or of an incident field path. */
export function targetLabel(t: TFunction, field: string): string {
  if ((MAPPABLE_FIELDS as readonly string[]).includes(field))
    return t(`interchange.field.${field}`);
  const head = field.split('.')[0] ?? field;
  return t(`fieldName.${head}`, { defaultValue: field });
}

/**
 * A message's text. A `reason` parameter stays a key: the messages nest it (`$t({{reason}})`),
 * and a translated sentence with a comma in it would not survive that nesting.
 */
export function importMessageText(t: TFunction, message: ImportMessage): string {
  const params: Record<string, string | number> = { ...message.params };
  if (typeof params.field === 'string' && params.field !== '') {
    params.fieldLabel = targetLabel(t, params.field);
  }
  return t(message.key, params);
}

export function locationText(t: TFunction, at: FileLocation | null): string {
  if (at === null) return t('interchange.ui.location.file');
  return 'line' in at
    ? t('interchange.ui.location.line', { line: at.line })
    : t('interchange.ui.location.feature', { n: at.feature + 1 });
}

/** Whether `error` is the cancellation of a job (an AbortError from a signal). */
export function wasAborted(error: unknown, signal?: AbortSignal): boolean {
  // A DOMException is an Error in browsers and in Node.
  return signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
}

/** A refused file or a failed step as a sentence to show, and its technical detail. */
export function describeImportError(
  t: TFunction,
  error: unknown,
): { message: string; detail: string } {
  if (error instanceof ImportError) {
    return { message: importMessageText(t, error), detail: error.message };
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { message: t('interchange.ui.unexpected'), detail };
}
