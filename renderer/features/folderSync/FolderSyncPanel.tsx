/**
 * "Sync through a folder" on the team page, for teams without a hub (or beside one): choose the
 * folder Syncthing, Nextcloud or a USB stick keeps in step, then type the team's folder
 * passphrase (a folder new to Daftar gets one chosen here, typed twice). Once syncing: the
 * folder, the last successful run, the status with progress and Cancel, "Sync folder now", the
 * files refused and why, and "Stop syncing through this folder".
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLive } from '../../app/appContext.ts';
import { useDateTimeFormat } from '../../i18n/useDateTimeFormat.ts';
import { ConfirmAction } from '../teamSync/ConfirmAction.tsx';
import { FailureMessage, SubmitRow, TeamField } from '../teamSync/TeamField.tsx';
import { errorMessage, type Message } from '../teamSync/syncStatusText.ts';
import { useCheckedForm } from '../teamSync/useCheckedForm.ts';
import { checkFolderPassphrase } from './folderChecks.ts';
import { folderStatusText } from './folderStatusText.ts';
import { useFolderSyncStatus, type FolderSyncService } from './folderSyncService.ts';

export function FolderSyncPanel({ service }: { service: FolderSyncService }) {
  const status = useFolderSyncStatus();
  const joined = useLive(() => service.sync.joined(), [service, status.kind === 'notJoined']);
  if (joined === undefined) return null;
  return joined ? <FolderSyncing service={service} /> : <FolderChooser service={service} />;
}

type Chosen = { label: string; kind: 'described' | 'new' };

function FolderChooser({ service }: { service: FolderSyncService }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [failure, setFailure] = useState<Message | null>(null);
  const choose = async () => {
    setFailure(null);
    try {
      const picked = await service.choose();
      if (picked) setChosen(picked);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  return (
    <section className="panel" aria-labelledby="folder-sync-title">
      <h2 id="folder-sync-title">{t('folderSync.title')}</h2>
      <p className="hint">{t('folderSync.intro')}</p>
      {chosen ? (
        <PassphraseForm service={service} chosen={chosen} onBack={() => setChosen(null)} />
      ) : (
        <>
          <button type="button" onClick={() => void choose()}>
            {t('folderSync.choose')}
          </button>
          <FailureMessage failure={failure} />
        </>
      )}
    </section>
  );
}

function PassphraseForm({
  service,
  chosen,
  onBack,
}: {
  service: FolderSyncService;
  chosen: Chosen;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const isNew = chosen.kind === 'new';
  const { fields, errors, failure, busy, set, onSubmit } = useCheckedForm(
    { passphrase: '', confirm: '' },
    (f) => checkFolderPassphrase(f, isNew),
    (f) => service.begin(f.passphrase).then(() => undefined),
  );
  return (
    <form noValidate onSubmit={onSubmit}>
      <p>
        {t(isNew ? 'folderSync.newFolder' : 'folderSync.existingFolder', {
          folder: chosen.label,
        })}
      </p>
      <TeamField
        label={t('folderSync.passphrase')}
        type="password"
        autoComplete="off"
        value={fields.passphrase}
        onChange={set('passphrase')}
        error={errors.passphrase}
        {...(isNew ? { hint: t('folderSync.passphraseHint') } : {})}
      />
      {isNew ? (
        <TeamField
          label={t('folderSync.confirm')}
          type="password"
          autoComplete="off"
          value={fields.confirm}
          onChange={set('confirm')}
          error={errors.confirm}
        />
      ) : null}
      <SubmitRow
        busy={busy}
        label={t(isNew ? 'folderSync.setUp' : 'folderSync.open')}
        busyLabel={t('folderSync.opening')}
        failure={failure}
      />{' '}
      <button type="button" onClick={onBack} disabled={busy}>
        {t('folderSync.another')}
      </button>
    </form>
  );
}

function FolderSyncing({ service }: { service: FolderSyncService }) {
  const { t } = useTranslation();
  const format = useDateTimeFormat();
  const status = useFolderSyncStatus();
  const store = service.sync.store;
  const config = useLive(() => store.config(), [store, status]);
  const lastSuccess = useLive(() => store.lastSuccess(), [store, status]);
  const refusals = useLive(() => store.refusals(), [store, status]);
  if (!config) return null;
  const text = folderStatusText(status);
  const line = text.reason
    ? t(text.key, { message: t(text.reason.key, text.reason.params) })
    : t(text.key, text.params);
  const busy = status.kind === 'syncing';
  return (
    <section className="panel" aria-labelledby="folder-sync-title">
      <h2 id="folder-sync-title">{t('folderSync.title')}</h2>
      <dl className="team-facts">
        <dt>{t('folderSync.folder')}</dt>
        <dd dir="auto">{config.label}</dd>
        <dt>{t('teamSyncUi.joined.lastSync')}</dt>
        <dd>{lastSuccess ? format.format(new Date(lastSuccess)) : t('teamSyncUi.joined.never')}</dd>
        <dt>{t('teamSyncUi.joined.status')}</dt>
        <dd role="status" aria-live="polite" aria-label={t('folderSync.statusLabel')}>
          {line}
        </dd>
      </dl>
      <p className="hint">
        {t(service.automatic ? 'folderSync.watched' : 'folderSync.notWatched')}
      </p>
      {busy ? (
        <>
          <progress
            aria-label={t('folderSync.progress')}
            {...(text.fraction !== undefined ? { value: text.fraction, max: 1 } : {})}
          />{' '}
          <button type="button" onClick={() => service.cancel()}>
            {t('teamSync.status.cancel')}
          </button>
        </>
      ) : (
        <button type="button" className="primary" onClick={() => void service.syncNow()}>
          {t('folderSync.syncNow')}
        </button>
      )}
      {refusals && refusals.length > 0 ? (
        <>
          <h3 id="folder-refused-title">{t('folderSync.refusedTitle')}</h3>
          <table className="team-refusals" aria-labelledby="folder-refused-title">
            <thead>
              <tr>
                <th scope="col">{t('folderSync.file')}</th>
                <th scope="col">{t('teamSyncUi.refused.reason')}</th>
                <th scope="col">{t('teamSyncUi.refused.at')}</th>
              </tr>
            </thead>
            <tbody>
              {[...refusals].reverse().map((r) => (
                <tr key={`${r.name}-${r.at}`}>
                  <td dir="ltr">{r.name}</td>
                  <td>
                    <span dir="ltr">{r.message}</span> <code>{r.code}</code>
                  </td>
                  <td>{format.format(new Date(r.at))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <h3>{t('folderSync.stopTitle')}</h3>
      <ConfirmAction
        label={t('folderSync.stop')}
        groupLabel={t('folderSync.stopConfirmLabel')}
        question={t('folderSync.stopConfirm', { folder: config.label })}
        yes={t('folderSync.stopYes')}
        no={t('teamSyncUi.leave.no')}
        onConfirm={() => void service.leave()}
      />
    </section>
  );
}
