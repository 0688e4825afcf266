/**
 * "Export bundle": choose what to send, optionally lock it with a passphrase, write the signed
 * bundle with progress and Cancel, and save it where the person chooses.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useData, useLive, usePlatform } from '../../app/appContext.ts';
import { TextField } from '../../components/fields.tsx';
import { ProgressLine } from '../../components/ProgressLine.tsx';
import type { ExportScope } from '../../data/bundleExport.ts';
import { useUi } from '../../state/uiStore.ts';
import { describeBundleError, wasCancelled } from './describeBundleError.ts';
import { ExportScopeFields, type ScopeKind } from './ExportScopeFields.tsx';

export const BUNDLE_MEDIA_TYPE = 'application/vnd.daftar.bundle+zip';

export function ExportPanel() {
  const { t } = useTranslation();
  const data = useData();
  const platform = usePlatform();
  const selected = useUi((s) => s.selectedIncidents);
  const teammates = useLive((d) => d.exchange.teammates(), []);
  const reviewWork = useLive((d) => d.exchange.reviewWorkCount(), []);
  const [kind, setKind] = useState<ScopeKind>('all');
  const [chosenTeammate, setTeammate] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);

  const teammate = chosenTeammate || teammates?.[0]?.device || '';
  const noReviewWork =
    reviewWork !== undefined && reviewWork.annotations + reviewWork.statusSteps === 0;
  // A scope that became unavailable (selection cleared) falls back to everything.
  const effectiveKind: ScopeKind =
    (kind === 'incidents' && selected.size === 0) ||
    (kind === 'unseenBy' && teammate === '') ||
    (kind === 'review' && noReviewWork)
      ? 'all'
      : kind;
  const mismatch = passphrase !== confirm;

  const scope = (): ExportScope =>
    effectiveKind === 'incidents'
      ? { kind: 'incidents', ids: [...selected] }
      : effectiveKind === 'unseenBy'
        ? { kind: 'unseenBy', teammate }
        : effectiveKind === 'review'
          ? { kind: 'review', device: data.deviceId }
          : { kind: 'all' };

  const run = async () => {
    const abort = new AbortController();
    running.current = abort;
    setError(null);
    setProgress({ done: 0, total: 0 });
    const announce = useUi.getState().announce;
    try {
      const bundle = await data.exchange.exportBundle(scope(), {
        signal: abort.signal,
        onProgress: (done, total) => setProgress({ done, total }),
        ...(passphrase ? { passphrase } : {}),
      });
      abort.signal.throwIfAborted();
      const outcome = await platform.saveFile({
        suggestedName: bundle.fileName,
        mediaType: BUNDLE_MEDIA_TYPE,
        data: bundle.bytes,
      });
      if (outcome === 'saved') {
        await data.exchange.recordExport(bundle);
        announce(t('bundle.export.saved', { name: bundle.fileName, count: bundle.changeSets }));
        setPassphrase('');
        setConfirm('');
      } else announce(t('bundle.export.notSaved'));
    } catch (e) {
      if (wasCancelled(e, abort.signal)) announce(t('bundle.export.cancelled'));
      else setError(describeBundleError(e, t).message);
    } finally {
      setProgress(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="export-title">
      <h2 id="export-title">{t('bundle.export.title')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!mismatch && progress === null) void run();
        }}
      >
        <ExportScopeFields
          kind={effectiveKind}
          onKind={setKind}
          teammate={teammate}
          onTeammate={setTeammate}
          teammates={teammates ?? []}
          selected={selected.size}
          review={reviewWork}
        />
        <fieldset>
          <legend>{t('bundle.export.encryption')}</legend>
          <p className="hint">{t('bundle.export.passphraseHint')}</p>
          <TextField
            label={t('bundle.export.passphrase')}
            type="password"
            autoComplete="off"
            value={passphrase}
            onChange={setPassphrase}
          />
          <TextField
            label={t('bundle.export.confirmPassphrase')}
            type="password"
            autoComplete="off"
            value={confirm}
            onChange={setConfirm}
            error={mismatch && confirm !== '' ? 'bundle.export.mismatch' : undefined}
          />
          {passphrase === '' ? (
            <p className="hint">{t('bundle.export.unencrypted')}</p>
          ) : (
            <p className="hint">{t('bundle.export.encrypted')}</p>
          )}
        </fieldset>
        {progress === null ? (
          <button type="submit" className="primary" disabled={mismatch}>
            {t('bundle.export.run')}
          </button>
        ) : (
          <ProgressLine
            label={t('bundle.export.progress')}
            done={progress.done}
            total={progress.total}
            onCancel={() => running.current?.abort()}
          />
        )}
        {error ? (
          <p role="alert" className="field-error">
            {error}
          </p>
        ) : null}
      </form>
    </section>
  );
}
