/** A date-and-time format in the interface's language, made once per language. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export function useDateTimeFormat(): Intl.DateTimeFormat {
  const { i18n } = useTranslation();
  return useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }),
    [i18n.language],
  );
}
