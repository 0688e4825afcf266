/** A field's translated label where the UI has one, its name otherwise. */
import type { TFunction } from 'i18next';

export function fieldLabel(t: TFunction, field: string): string {
  return t(`fieldName.${field}`, { defaultValue: field });
}
