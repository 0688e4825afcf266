/**
 * The team this device belongs to: team, hub, this device's name, last successful sync, the
 * status; the bundles refused from the hub (seq, member, reason); a way to the Conflicts view
 * when there are conflicts; and "Leave this team", which forgets the hub, token, key and sync
 * state after a confirmation (the records stay).
 */
import { useTranslation } from 'react-i18next';
import { useLive } from '../../app/appContext.ts';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat.ts';
import { useUi } from '../../state/uiStore.ts';
import { ConfirmAction } from './ConfirmAction.tsx';
import { statusText } from './syncStatusText.ts';
import { useSyncStatus, type TeamSyncService } from './teamSyncService.ts';

export function JoinedPanel({ service }: { service: TeamSyncService }) {
  const { t } = useTranslation();
  const format = useDateTimeFormat();
  const navigate = useUi((s) => s.navigate);
  const status = useSyncStatus();
  const store = service.sync.store;
  const config = useLive(() => store.config(), [store]);
  const lastSuccess = useLive(() => store.lastSuccess(), [store]);
  const refusals = useLive(() => store.refusals(), [store]);
  const conflicts = useLive((d) => d.exchange.conflictCount(), []) ?? 0;
  if (!config) return null;
  const text = statusText(status);
  const statusLine = text.reason
    ? t(text.key, { message: t(text.reason.key, text.reason.params) })
    : t(text.key, text.params);

  return (
    <>
      <section className="panel" aria-labelledby="team-joined-title">
        <h2 id="team-joined-title">{t('teamSyncUi.joined.title')}</h2>
        <dl className="team-facts">
          <dt>{t('teamSyncUi.joined.team')}</dt>
          <dd>{config.team.name}</dd>
          <dt>{t('teamSyncUi.joined.hub')}</dt>
          <dd dir="ltr">{config.hubUrl}</dd>
          <dt>{t('teamSyncUi.joined.member')}</dt>
          <dd>{config.member.name}</dd>
          <dt>{t('teamSyncUi.joined.lastSync')}</dt>
          <dd>
            {lastSuccess ? format.format(new Date(lastSuccess)) : t('teamSyncUi.joined.never')}
          </dd>
          <dt>{t('teamSyncUi.joined.status')}</dt>
          <dd>{statusLine}</dd>
        </dl>
        {conflicts > 0 ? (
          <p>
            <a
              href="#/conflicts"
              onClick={(e) => {
                e.preventDefault();
                navigate({ view: 'conflicts' });
              }}
            >
              {t('teamSyncUi.joined.conflicts', { count: conflicts })}
            </a>
          </p>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="team-refused-title">
        <h2 id="team-refused-title">{t('teamSync.refused.title')}</h2>
        {refusals && refusals.length > 0 ? (
          <table className="team-refusals" aria-labelledby="team-refused-title">
            <thead>
              <tr>
                <th scope="col">{t('teamSyncUi.refused.seq')}</th>
                <th scope="col">{t('teamSyncUi.refused.member')}</th>
                <th scope="col">{t('teamSyncUi.refused.reason')}</th>
                <th scope="col">{t('teamSyncUi.refused.at')}</th>
              </tr>
            </thead>
            <tbody>
              {[...refusals].reverse().map((r) => (
                <tr key={`${r.seq}-${r.at}`}>
                  <td>{r.seq}</td>
                  <td dir="ltr">{r.member}</td>
                  <td>
                    {/* The sync cycle's plain English reason, with its code for support. */}
                    <span dir="ltr">{r.message}</span> <code>{r.code}</code>
                  </td>
                  <td>{format.format(new Date(r.at))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="hint">{t('teamSyncUi.refused.none')}</p>
        )}
      </section>
      <section className="panel" aria-labelledby="team-leave-title">
        <h2 id="team-leave-title">{t('teamSyncUi.leave.title')}</h2>
        <p className="hint">{t('teamSyncUi.leave.intro')}</p>
        <ConfirmAction
          label={t('teamSyncUi.leave.run')}
          groupLabel={t('teamSyncUi.leave.confirmLabel')}
          question={t('teamSyncUi.leave.confirm', { team: config.team.name })}
          yes={t('teamSyncUi.leave.yes')}
          no={t('teamSyncUi.leave.no')}
          onConfirm={() => void service.leave()}
        />
      </section>
    </>
  );
}
