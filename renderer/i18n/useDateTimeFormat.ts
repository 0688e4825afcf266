/**
 * A date-and-time format in the interface's language and the chosen calendar, made once per
 * language and calendar. Solar Hijri uses the Afghan month names ("1 Hamal 1403, 10:00 AM").
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { solarHijriDateTimeFormat } from '../../shared/util/solarHijri.ts';
import { useCalendar } from './calendar.ts';

export function useDateTimeFormat(): Intl.DateTimeFormat {
  const { i18n } = useTranslation();
  const calendar = useCalendar();
  return useMemo(
    () =>
      calendar === 'persian'
        ? solarHijriDateTimeFormat(i18n.language, { timeStyle: 'short' })
        : // fa-AF's default calendar is the Persian one: name the Gregorian one.
          new Intl.DateTimeFormat(`${i18n.language}-u-ca-gregory`, {
            dateStyle: 'medium',
            timeStyle: 'short',
          }),
    [i18n.language, calendar],
  );
}
