/**
 * Why a basemap file was refused, in the interface's language: the reason's kind translated, then
 * the reader's own specific English detail (which names the page, section or compression).
 */
import type { TFunction } from 'i18next';
import { MapFileError } from '../../shared/maps/mapFileError.ts';

export function describeMapFileError(error: unknown, t: TFunction): string {
  if (error instanceof MapFileError) {
    return `${t(`basemaps.errors.${error.code}`)} (${error.message})`;
  }
  // the browser's storage quota, or the disk under the desktop app's data folder
  if (
    (error instanceof DOMException && error.name === 'QuotaExceededError') ||
    (error instanceof Error && /\bENOSPC\b/.test(error.message))
  ) {
    return t('basemaps.errors.diskFull');
  }
  return error instanceof Error ? error.message : String(error);
}
