/**
 * "Join a team": the invite text the lead sent, the passphrase they gave another way, and this
 * device's name as the hub will know it. The key is unwrapped before the hub is asked, so a
 * wrong passphrase says so and leaves the invite unused.
 */
import { useTranslation } from 'react-i18next';
import { DeviceNameField } from './DeviceNameField.tsx';
import { checkJoin } from './formChecks.ts';
import { SubmitRow, TeamField } from './TeamField.tsx';
import { useCheckedForm } from './useCheckedForm.ts';
import type { TeamSyncService } from './teamSyncService.ts';

export function JoinForm({ service }: { service: TeamSyncService }) {
  const { t } = useTranslation();
  const { fields, errors, failure, busy, set, onSubmit } = useCheckedForm(
    { invite: '', passphrase: '', deviceName: '' },
    checkJoin,
    (f) => service.joinWithInvite(f.invite, f.passphrase, f.deviceName).then(() => undefined),
  );

  return (
    <section className="panel" aria-labelledby="team-join-title">
      <h2 id="team-join-title">{t('teamSyncUi.join.title')}</h2>
      <p className="hint">{t('teamSyncUi.join.intro')}</p>
      <form noValidate onSubmit={onSubmit}>
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
        <DeviceNameField
          value={fields.deviceName}
          onChange={set('deviceName')}
          error={errors.deviceName}
        />
        <SubmitRow
          busy={busy}
          label={t('teamSyncUi.join.run')}
          busyLabel={t('teamSyncUi.join.running')}
          failure={failure}
        />
      </form>
    </section>
  );
}
