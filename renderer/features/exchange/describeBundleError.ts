/**
 * What to tell a person when a bundle is refused or an exchange fails: the translated message
 * for the BundleError's code (`bundle.errors.<code>`, filled with its params), and the plain
 * English detail for anyone who needs to report it.
 */
import type { TFunction } from 'i18next';
import { isBundleError } from '../../../shared/bundle/bundleError.ts';
import { RecordValidationError } from '../../../shared/domain/records.ts';

export interface DescribedError {
  message: string;
  detail: string;
}

export function describeBundleError(error: unknown, t: TFunction): DescribedError {
  if (isBundleError(error)) {
    return { message: t(`bundle.errors.${error.code}`, error.params), detail: error.message };
  }
  if (error instanceof RecordValidationError) {
    return {
      message: error.issues.map((issue) => t(issue.message)).join(' '),
      detail: error.message,
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { message: t('bundle.errors.unexpected', { reason: detail }), detail };
}

/** Whether a job stopped because the person cancelled it. */
export function wasCancelled(error: unknown, signal: AbortSignal): boolean {
  return (
    signal.aborted ||
    (isBundleError(error) && error.code === 'cancelled') ||
    (error instanceof DOMException && error.name === 'AbortError')
  );
}
