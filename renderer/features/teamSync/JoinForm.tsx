/**
 * "Join a team": the invite text the lead sent, the passphrase they gave another way, and this
 * device's name as the hub will know it. The key is unwrapped before the hub is asked, so a
 * wrong passphrase says so and leaves the invite unused.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkJoin, hasErrors, type FieldErrors, type JoinField } from './formChecks.ts';
import { errorMessage, type Message } from './syncStatusText.ts';
import { TeamField } from './TeamField.tsx';
import type { TeamSyncService } from './teamSyncService.ts';

export function JoinForm({ service }: { service: TeamSyncService }) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<Record<JoinField, string>>({
    invite: '',
    passphrase: '',
    deviceName: '',
  });
  const [errors, setErrors] = useState<FieldErrors<JoinField>>({});
  const [failure, setFailure] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: JoinField) => (value: string) => setFields((f) => ({ ...f, [field]: value }));

  const submit = async () => {
    const found = checkJoin(fields);
    setErrors(found);
    setFailure(null);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      await service.joinWithInvite(fields.invite, fields.passphrase, fields.deviceName);
    } catch (error) {
      setFailure(errorMessage(error));
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="team-join-title">
      <h2 id="team-join-title">{t('teamSyncUi.join.title')}</h2>
      <p className="hint">{t('teamSyncUi.join.intro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void submit();
        }}
      >
        <TeamField
          label={t('teamSyncUi.join.invite')}
          multiline
          value={fields.invite}
          onChange={set('invite')}
          error={errors.invite}
        />
        <TeamField
          label={t('teamSyncUi.join.passphrase')}
          type="password"
          autoComplete="off"
          value={fields.passphrase}
          onChange={set('passphrase')}
          error={errors.passphrase}
        />
        <TeamField
          label={t('teamSyncUi.deviceName')}
          value={fields.deviceName}
          onChange={set('deviceName')}
          error={errors.deviceName}
          hint={t('teamSyncUi.deviceNameHint')}
        />
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {busy ? t('teamSyncUi.join.running') : t('teamSyncUi.join.run')}
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
