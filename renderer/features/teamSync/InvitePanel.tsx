/**
 * "Invite a member": the lead picks a passphrase; the hub makes a one-time code (admin token
 * needed — the one typed at set-up in this session, or typed again) and the team key is wrapped
 * with the passphrase into the invite text, shown to copy with the advice to give the
 * passphrase another way.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat.ts';
import { checkInvite } from './formChecks.ts';
import { SubmitRow, TeamField } from './TeamField.tsx';
import { useCheckedForm } from './useCheckedForm.ts';
import type { NewInvite, TeamSyncService } from './teamSyncService.ts';

export function InvitePanel({ service }: { service: TeamSyncService }) {
  const { t } = useTranslation();
  const format = useDateTimeFormat();
  const needsToken = !service.hasAdminToken;
  const [invite, setInvite] = useState<NewInvite | null>(null);
  const [copied, setCopied] = useState(false);
  const { fields, errors, failure, busy, set, onSubmit } = useCheckedForm(
    { adminToken: '', passphrase: '', confirm: '' },
    (f) => checkInvite(f, needsToken),
    async (f) => {
      setInvite(null);
      setCopied(false);
      setInvite(
        await service.createMemberInvite(f.passphrase, needsToken ? f.adminToken : undefined),
      );
      return 'clear';
    },
  );

  return (
    <section className="panel" aria-labelledby="team-invite-title">
      <h2 id="team-invite-title">{t('teamSyncUi.invite.title')}</h2>
      <p className="hint">{t('teamSyncUi.invite.intro')}</p>
      <form noValidate onSubmit={onSubmit}>
        {needsToken ? (
          <TeamField
            label={t('teamSyncUi.adminToken')}
            type="password"
            autoComplete="off"
            value={fields.adminToken}
            onChange={set('adminToken')}
            error={errors.adminToken}
            hint={t('teamSyncUi.adminTokenHint')}
          />
        ) : null}
        <TeamField
          label={t('teamSyncUi.invite.passphrase')}
          type="password"
          autoComplete="new-password"
          value={fields.passphrase}
          onChange={set('passphrase')}
          error={errors.passphrase}
        />
        <TeamField
          label={t('teamSyncUi.invite.confirm')}
          type="password"
          autoComplete="new-password"
          value={fields.confirm}
          onChange={set('confirm')}
          error={errors.confirm}
        />
        <SubmitRow
          busy={busy}
          label={t('teamSyncUi.invite.run')}
          busyLabel={t('teamSyncUi.invite.running')}
          failure={failure}
        />
      </form>
      {invite ? (
        <div className="team-invite-result">
          <label htmlFor="team-invite-text">{t('teamSyncUi.invite.text')}</label>
          <textarea id="team-invite-text" readOnly rows={5} dir="ltr" value={invite.text} />
          <p className="hint">
            {t('teamSyncUi.invite.advice', { expires: format.format(new Date(invite.expiresAt)) })}
          </p>
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard.writeText(invite.text).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {t('teamSyncUi.invite.copy')}
          </button>
          <span role="status" className="hint">
            {copied ? t('teamSyncUi.invite.copied') : ''}
          </span>
        </div>
      ) : null}
    </section>
  );
}
