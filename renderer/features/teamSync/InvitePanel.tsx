/**
 * "Invite a member": the lead picks a passphrase; the hub makes a one-time code (the team admin
 * token needed — the one the hub issued at set-up in this session, or typed again after a
 * restart) and the team key is wrapped with the passphrase into the invite text, shown to copy
 * with the advice to give the passphrase another way. An invite made here can be withdrawn at
 * once (sent to the wrong person). Right after set-up, the team admin token is shown first, once.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat.ts';
import { explainRefusedToken } from './adminTokenRefusal.ts';
import { checkInvite } from './formChecks.ts';
import { errorMessage, type Message } from './syncStatusText.ts';
import { TeamAdminTokenNotice } from './TeamAdminTokenNotice.tsx';
import { FailureMessage, SubmitRow, TeamField } from './TeamField.tsx';
import { useCheckedForm } from './useCheckedForm.ts';
import type { NewInvite, TeamSyncService } from './teamSyncService.ts';

export function InvitePanel({ service }: { service: TeamSyncService }) {
  const { t } = useTranslation();
  const format = useDateTimeFormat();
  const needsToken = !service.hasAdminToken;
  const [unsavedToken, setUnsavedToken] = useState(service.newTeamAdminToken);
  const [invite, setInvite] = useState<NewInvite | null>(null);
  const [copied, setCopied] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [withdrawn, setWithdrawn] = useState(false);
  const [withdrawFailure, setWithdrawFailure] = useState<Message | null>(null);
  const { fields, errors, failure, busy, set, onSubmit } = useCheckedForm(
    { adminToken: '', passphrase: '', confirm: '' },
    (f) => checkInvite(f, needsToken),
    async (f) => {
      setInvite(null);
      setCopied(false);
      setWithdrawn(false);
      setWithdrawFailure(null);
      try {
        setInvite(
          await service.createMemberInvite(f.passphrase, needsToken ? f.adminToken : undefined),
        );
      } catch (error) {
        throw explainRefusedToken(error, 'team');
      }
      return 'clear';
    },
  );

  const inviteId = invite?.id ?? null;
  const withdraw = async (id: string) => {
    setWithdrawing(true);
    setWithdrawFailure(null);
    try {
      await service.withdrawMemberInvite(id);
      setInvite(null);
      setWithdrawn(true);
    } catch (error) {
      setWithdrawFailure(errorMessage(explainRefusedToken(error, 'team')));
    } finally {
      setWithdrawing(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="team-invite-title">
      <h2 id="team-invite-title">{t('teamSyncUi.invite.title')}</h2>
      {unsavedToken ? (
        <TeamAdminTokenNotice
          token={unsavedToken}
          onSaved={() => {
            service.dismissNewTeamAdminToken();
            setUnsavedToken(null);
          }}
        />
      ) : null}
      <p className="hint">{t('teamSyncUi.invite.intro')}</p>
      <form noValidate onSubmit={onSubmit}>
        {needsToken ? (
          <TeamField
            label={t('teamSyncUi.teamAdminToken.label')}
            type="password"
            autoComplete="off"
            value={fields.adminToken}
            onChange={set('adminToken')}
            error={errors.adminToken}
            hint={t('teamSyncUi.teamAdminToken.hint')}
          />
        ) : null}
        <TeamField
          label={t('teamSyncUi.invite.passphrase')}
          type="password"
          autoComplete="off"
          value={fields.passphrase}
          onChange={set('passphrase')}
          error={errors.passphrase}
        />
        <TeamField
          label={t('teamSyncUi.invite.confirm')}
          type="password"
          autoComplete="off"
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
          {inviteId !== null ? (
            <button
              type="button"
              disabled={withdrawing}
              aria-busy={withdrawing}
              onClick={() => void withdraw(inviteId)}
            >
              {withdrawing ? t('teamSyncUi.invite.withdrawing') : t('teamSyncUi.invite.withdraw')}
            </button>
          ) : null}
          <span role="status" className="hint">
            {copied ? t('teamSyncUi.invite.copied') : ''}
          </span>
          <FailureMessage failure={withdrawFailure} />
        </div>
      ) : null}
      <p role="status" className="hint">
        {withdrawn ? t('teamSyncUi.invite.withdrawn') : ''}
      </p>
    </section>
  );
}
