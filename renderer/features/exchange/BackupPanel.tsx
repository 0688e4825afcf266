/**
 * "Save full backup (JSON)": the canonical export — every record, its history and conflicts in
 * one deterministic JSON file, readable without Daftar.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useData, usePlatform } from '../../app/appContext.ts';
import { useUi } from '../../state/uiStore.ts';
import { describeBundleError } from './describeBundleError.ts';

export function BackupPanel() {
  const { t } = useTranslation();
  const data = useData();
  const platform = usePlatform();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const json = await data.exchange.canonicalExport();
      const fileName = `daftar-backup-${new Date().toISOString().slice(0, 10)}.json`;
      const outcome = await platform.saveFile({
        suggestedName: fileName,
        mediaType: 'application/json',
        data: new TextEncoder().encode(json),
      });
      if (outcome === 'saved') useUi.getState().announce(t('backup.saved', { name: fileName }));
    } catch (e) {
      setError(describeBundleError(e, t).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="backup-title">
      <h2 id="backup-title">{t('backup.title')}</h2>
      <p>{t('backup.intro')}</p>
      <button type="button" disabled={busy} onClick={() => void save()}>
        {t('backup.save')}
      </button>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
