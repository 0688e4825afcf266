/**
 * Changes too large for the hub (a source whose attached files make a bundle over what the hub
 * takes): sync passed them over so everything else still goes, and keeps saying so until a
 * person has sent them another way. Lists them, points to Exchange (a bundle by file), and
 * "I have sent them by file" clears the list and syncs again.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLive } from '../../app/appContext.ts';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat.ts';
import { useUi } from '../../state/uiStore.ts';
import { useSyncStatus, type TeamSyncService } from './teamSyncService.ts';

const MB = 1024 * 1024;

export function NotSentPanel({ service }: { service: TeamSyncService }) {
  const { t } = useTranslation();
  const format = useDateTimeFormat();
  const navigate = useUi((s) => s.navigate);
  const status = useSyncStatus();
  const [cleared, setCleared] = useState(0);
  const notSent = useLive(() => service.sync.notSentToHub(), [service, status, cleared]);
  if (!notSent || notSent.length === 0) return null;
  const dismiss = async () => {
    await service.sync.dismissNotSent();
    setCleared((n) => n + 1);
    void service.syncNow();
  };
  return (
    <section className="panel" aria-labelledby="team-not-sent-title">
      <h2 id="team-not-sent-title">{t('teamSyncUi.notSent.title')}</h2>
      <p className="hint">{t('teamSyncUi.notSent.intro')}</p>
      <table className="team-refusals" aria-labelledby="team-not-sent-title">
        <thead>
          <tr>
            <th scope="col">{t('teamSyncUi.notSent.record')}</th>
            <th scope="col">{t('teamSyncUi.notSent.size')}</th>
            <th scope="col">{t('teamSyncUi.refused.at')}</th>
          </tr>
        </thead>
        <tbody>
          {notSent.map((item) => (
            <tr key={item.hlc}>
              <td dir="auto">{item.title || `${item.kind} ${item.recordId}`}</td>
              <td>{t('teamSyncUi.notSent.megabytes', { size: Math.ceil(item.bytes / MB) })}</td>
              <td>{format.format(new Date(item.at))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a
          href="#/exchange"
          onClick={(e) => {
            e.preventDefault();
            navigate({ view: 'exchange' });
          }}
        >
          {t('teamSyncUi.notSent.toExchange')}
        </a>
      </p>
      <button type="button" onClick={() => void dismiss()}>
        {t('teamSyncUi.notSent.dismiss')}
      </button>
    </section>
  );
}
