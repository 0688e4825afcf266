/**
 * "Set up a team on a hub", for the team lead: the hub's address and admin token (printed when
 * the hub first started; kept in memory for this session's invites, never saved), a team name
 * and this device's name. Creates the team, makes its key and joins this device first.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkSetup, hasErrors, type FieldErrors, type SetupField } from './formChecks.ts';
import { errorMessage, type Message } from './syncStatusText.ts';
import { TeamField } from './TeamField.tsx';
import type { TeamSyncService } from './teamSyncService.ts';

export function SetupForm({ service }: { service: TeamSyncService }) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<Record<SetupField, string>>({
    hubUrl: 'https://',
    adminToken: '',
    teamName: '',
    deviceName: '',
  });
  const [errors, setErrors] = useState<FieldErrors<SetupField>>({});
  const [failure, setFailure] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: SetupField) => (value: string) =>
    setFields((f) => ({ ...f, [field]: value }));

  const submit = async () => {
    const found = checkSetup(fields);
    setErrors(found);
    setFailure(null);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      await service.setUpTeam(fields);
    } catch (error) {
      setFailure(errorMessage(error));
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="team-setup-title">
      <h2 id="team-setup-title">{t('teamSyncUi.setup.title')}</h2>
      <p className="hint">{t('teamSyncUi.setup.intro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void submit();
        }}
      >
        <TeamField
          label={t('teamSyncUi.setup.hubUrl')}
          type="url"
          value={fields.hubUrl}
          onChange={set('hubUrl')}
          error={errors.hubUrl}
        />
        <TeamField
          label={t('teamSyncUi.adminToken')}
          type="password"
          autoComplete="off"
          value={fields.adminToken}
          onChange={set('adminToken')}
          error={errors.adminToken}
          hint={t('teamSyncUi.adminTokenHint')}
        />
        <TeamField
          label={t('teamSyncUi.setup.teamName')}
          value={fields.teamName}
          onChange={set('teamName')}
          error={errors.teamName}
          hint={t('teamSyncUi.setup.teamNameHint')}
        />
        <TeamField
          label={t('teamSyncUi.deviceName')}
          value={fields.deviceName}
          onChange={set('deviceName')}
          error={errors.deviceName}
          hint={t('teamSyncUi.deviceNameHint')}
        />
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {busy ? t('teamSyncUi.setup.running') : t('teamSyncUi.setup.run')}
        </button>
        {failure ? (
          <p role="alert" className="field-error">
            {t(failure.key, failure.params)}
          </p>
        ) : null}
      </form>
    </section>
  );
}
