/** Settings: profile, language, calendar, security (the app lock), this device's id, sample data. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES, type UiLanguage } from '../../../shared/ipc/contract.ts';
import { useData } from '../../app/appContext.ts';
import { SelectField } from '../../components/fields.tsx';
import { useUi } from '../../state/uiStore.ts';
import { useLoadSampleData } from '../sample/useLoadSampleData.ts';
import { CalendarSetting } from './CalendarSetting.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { SecuritySettings } from './SecuritySettings.tsx';

export function SettingsView({
  language,
  onLanguage,
}: {
  language: UiLanguage;
  onLanguage: (language: UiLanguage) => void;
}) {
  const { t } = useTranslation();
  const data = useData();
  const loadSample = useLoadSampleData();
  const [profile, setProfile] = useState(data.profile);
  return (
    <section className="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('nav.settings')}</h1>
      <section aria-labelledby="settings-profile">
        <h2 id="settings-profile">{t('settings.profile')}</h2>
        <ProfileForm
          initial={profile}
          submitLabel={t('settings.saveProfile')}
          onSubmit={async (p) => {
            await data.saveProfile(p);
            setProfile(p);
            useUi.getState().announce(t('settings.profileSaved'));
          }}
        />
        <p>{t('settings.deviceId', { device: data.deviceId })}</p>
      </section>
      <section aria-labelledby="settings-language">
        <h2 id="settings-language">{t('settings.language')}</h2>
        <SelectField
          label={t('settings.languageLabel')}
          value={language}
          options={UI_LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
          onChange={(v) => onLanguage(v as UiLanguage)}
        />
      </section>
      <CalendarSetting />
      <SecuritySettings />
      <section aria-labelledby="settings-sample">
        <h2 id="settings-sample">{t('settings.sample')}</h2>
        <p>{t('settings.sampleIntro')}</p>
        <button type="button" onClick={() => void loadSample()}>
          {t('sample.load')}
        </button>
      </section>
    </section>
  );
}
