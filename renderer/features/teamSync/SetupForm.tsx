/**
 * "Set up a team on a hub", for the team lead: the hub's address and admin token (the operator's,
 * printed when the hub first started; used to create the team only, never kept), a team name and
 * this device's name. Creates the team, makes its key and joins this device first; the team admin
 * token the hub answers is then shown once by the invite panel.
 */
import { useTranslation } from 'react-i18next';
import { explainRefusedToken } from './adminTokenRefusal.ts';
import { DeviceNameField } from './DeviceNameField.tsx';
import { checkSetup } from './formChecks.ts';
import { SubmitRow, TeamField } from './TeamField.tsx';
import { useCheckedForm } from './useCheckedForm.ts';
import type { TeamSyncService } from './teamSyncService.ts';

export function SetupForm({ service }: { service: TeamSyncService }) {
  const { t } = useTranslation();
  const { fields, errors, failure, busy, set, onSubmit } = useCheckedForm(
    { hubUrl: 'https://', adminToken: '', teamName: '', deviceName: '' },
    checkSetup,
    (f) =>
      service.setUpTeam(f).then(
        () => undefined,
        (error: unknown) => {
          throw explainRefusedToken(error, 'hub');
        },
      ),
  );

  return (
    <section className="panel" aria-labelledby="team-setup-title">
      <h2 id="team-setup-title">{t('teamSyncUi.setup.title')}</h2>
      <p className="hint">{t('teamSyncUi.setup.intro')}</p>
      <form noValidate onSubmit={onSubmit}>
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
          hint={t('teamSyncUi.setup.adminTokenHint')}
        />
        <TeamField
          label={t('teamSyncUi.setup.teamName')}
          value={fields.teamName}
          onChange={set('teamName')}
          error={errors.teamName}
          hint={t('teamSyncUi.setup.teamNameHint')}
        />
        <DeviceNameField
          value={fields.deviceName}
          onChange={set('deviceName')}
          error={errors.deviceName}
        />
        <SubmitRow
          busy={busy}
          label={t('teamSyncUi.setup.run')}
          busyLabel={t('teamSyncUi.setup.running')}
          failure={failure}
        />
      </form>
    </section>
  );
}
