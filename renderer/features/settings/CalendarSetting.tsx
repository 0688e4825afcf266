/** Settings: the calendar dates are shown and typed in (stored dates stay ISO Gregorian). */
import { useTranslation } from 'react-i18next';
import { CALENDARS, isCalendar, type Calendar } from '../../../shared/util/solarHijri.ts';
import { useData } from '../../app/appContext.ts';
import { SelectField } from '../../components/fields.tsx';
import { saveCalendar, useCalendar } from '../../i18n/calendar.ts';
import { useUi } from '../../state/uiStore.ts';

export function CalendarSetting() {
  const { t } = useTranslation();
  const data = useData();
  const calendar = useCalendar(data);
  const choose = async (next: Calendar) => {
    await saveCalendar(data, next);
    useUi.getState().announce(t('calendar.saved', { calendar: t(`calendar.name.${next}`) }));
  };
  return (
    <section aria-labelledby="settings-calendar">
      <h2 id="settings-calendar">{t('calendar.title')}</h2>
      <SelectField
        label={t('calendar.label')}
        value={calendar}
        options={CALENDARS.map((c) => ({ value: c, label: t(`calendar.name.${c}`) }))}
        onChange={(v) => {
          if (isCalendar(v)) void choose(v).catch((error: unknown) => console.error(error));
        }}
      />
      <p className="hint">{t('calendar.storedAs')}</p>
    </section>
  );
}
