/**
 * Importing one bundle file, from whichever door it came in (the file chooser, a drop on the
 * window, a double-clicked `.daftar`): check it completely (asking for its passphrase when it is
 * encrypted), preview what it would change, then apply it all at once with progress and Cancel,
 * and report. A refused bundle says why, specifically, and nothing is written.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isBundleError } from '../../../shared/bundle/bundleError.ts';
import { useData } from '../../app/appContext.ts';
import { Modal } from '../../components/Modal.tsx';
import { ProgressLine } from '../../components/ProgressLine.tsx';
import type { ImportPlan, ImportReport } from '../../data/bundleImport.ts';
import { useUi, type IncomingBundle } from '../../state/uiStore.ts';
import { BundlePreview } from './BundlePreview.tsx';
import { describeBundleError, wasCancelled } from './describeBundleError.ts';
import { ImportReportView } from './ImportReportView.tsx';
import { PassphrasePrompt } from './PassphrasePrompt.tsx';

type Step =
  | { kind: 'opening'; done: number; total: number }
  | { kind: 'passphrase'; wrong: boolean }
  | { kind: 'refused'; error: unknown }
  | { kind: 'preview'; plan: ImportPlan }
  | { kind: 'applying'; done: number; total: number }
  | { kind: 'imported'; report: ImportReport };

const TITLE_ID = 'import-dialog-title';

export function ImportFlow({ file }: { file: IncomingBundle }) {
  const { t } = useTranslation();
  const data = useData();
  const [step, setStep] = useState<Step>({ kind: 'opening', done: 0, total: 0 });
  /** The running job's controller, for Cancel. */
  const running = useRef<AbortController | null>(null);

  const open = useCallback(
    (passphrase?: string): AbortController => {
      const abort = new AbortController();
      running.current = abort;
      data.exchange
        .openBundle(file.data, {
          signal: abort.signal,
          onProgress: (done, total) => {
            if (!abort.signal.aborted) setStep({ kind: 'opening', done, total });
          },
          ...(passphrase ? { passphrase } : {}),
        })
        .then(
          (plan) => {
            if (!abort.signal.aborted) setStep({ kind: 'preview', plan });
          },
          (error: unknown) => {
            if (abort.signal.aborted) return;
            if (isBundleError(error) && error.code === 'passphraseRequired')
              setStep({ kind: 'passphrase', wrong: false });
            else if (isBundleError(error) && error.code === 'wrongPassphrase')
              setStep({ kind: 'passphrase', wrong: true });
            else setStep({ kind: 'refused', error });
          },
        );
      return abort;
    },
    [data, file],
  );

  useEffect(() => {
    const abort = open();
    return () => abort.abort();
  }, [open]);

  const close = () => useUi.getState().finishBundle();
  const cancel = () => {
    if (step.kind === 'opening' || step.kind === 'applying') {
      running.current?.abort();
      useUi.getState().announce(t('bundle.import.cancelled'));
    }
    close();
  };

  const apply = async (plan: ImportPlan, acceptChangedKey: boolean) => {
    const abort = new AbortController();
    running.current = abort;
    setStep({ kind: 'applying', done: 0, total: 0 });
    try {
      const report = await data.exchange.applyBundle(plan, {
        acceptChangedKey,
        signal: abort.signal,
        onProgress: (done, total) => setStep({ kind: 'applying', done, total }),
      });
      setStep({ kind: 'imported', report });
      useUi.getState().announce(
        t('bundle.import.announce', {
          new: report.counts.new,
          changed: report.counts.changed,
          conflicting: report.counts.conflicting,
        }),
      );
    } catch (error) {
      if (wasCancelled(error, abort.signal)) return;
      setStep({ kind: 'refused', error });
    }
  };

  const title = {
    opening: t('bundle.import.opening', { name: file.name }),
    passphrase: t('bundle.passphrase.title', { name: file.name }),
    refused: t('bundle.import.refused', { name: file.name }),
    preview: t('bundle.import.preview', { name: file.name }),
    applying: t('bundle.import.applying', { name: file.name }),
    imported: t('bundle.import.imported', { name: file.name }),
  }[step.kind];

  return (
    <Modal labelledBy={TITLE_ID} onCancel={cancel} className="import-dialog">
      <h2 id={TITLE_ID}>{title}</h2>
      {step.kind === 'opening' ? (
        <ProgressLine
          label={t('bundle.import.checking')}
          done={step.done}
          total={step.total}
          onCancel={cancel}
        />
      ) : null}
      {step.kind === 'passphrase' ? (
        <PassphrasePrompt
          wrong={step.wrong}
          onSubmit={(passphrase) => {
            setStep({ kind: 'opening', done: 0, total: 0 });
            open(passphrase);
          }}
          onCancel={cancel}
        />
      ) : null}
      {step.kind === 'refused' ? <Refusal error={step.error} onClose={close} /> : null}
      {step.kind === 'preview' ? (
        <BundlePreview
          plan={step.plan}
          onImport={(accept) => void apply(step.plan, accept)}
          onCancel={cancel}
        />
      ) : null}
      {step.kind === 'applying' ? (
        <ProgressLine
          label={t('bundle.import.progress')}
          done={step.done}
          total={step.total}
          onCancel={cancel}
        />
      ) : null}
      {step.kind === 'imported' ? <ImportReportView report={step.report} onClose={close} /> : null}
    </Modal>
  );
}

function Refusal({ error, onClose }: { error: unknown; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, detail } = describeBundleError(error, t);
  return (
    <>
      <p role="alert" className="refusal">
        {message}
      </p>
      <p className="hint">{t('bundle.import.nothingChanged')}</p>
      <details>
        <summary>{t('bundle.technicalDetails')}</summary>
        <p className="detail">{detail}</p>
      </details>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('actions.close')}
        </button>
      </div>
    </>
  );
}
