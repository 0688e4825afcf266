/**
 * "Import a dataset": choose a file (ACLED or any CSV, GeoJSON, KML/KMZ), map its columns, check
 * the whole file (the dry run, with progress and Cancel), then import it all at once (progress
 * and Cancel again). A refused file says why in an alert; a cancelled or failed import stores
 * nothing, and the screen says so.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentFields } from '../../../shared/domain/incident.ts';
import type { ColumnMapping } from '../../../shared/interchange/columnMapping.ts';
import type { ImportPlan } from '../../../shared/interchange/imported.ts';
import { isIsoDate } from '../../../shared/util/isoDate.ts';
import { useData } from '../../app/appContext.ts';
import { ProgressLine } from '../../components/ProgressLine.tsx';
import { applyImport, type ImportResult } from '../../data/importApply.ts';
import { planImport, type ImportDryRun } from '../../data/importDryRun.ts';
import { useUi } from '../../state/uiStore.ts';
import { DryRunSummary } from './DryRunSummary.tsx';
import { FileDropZone } from './FileDropZone.tsx';
import { hasMapping, inspectFile, readFile, type Inspection } from './importFile.ts';
import { describeImportError, wasAborted } from './importMessages.ts';
import { MappingStep } from './MappingStep.tsx';
import { useDatasetDrop } from './useDatasetDrop.ts';

interface Chosen {
  file: File;
  inspection: Inspection;
}
interface Checked extends Chosen {
  plan: ImportPlan;
  carried: Set<keyof IncidentFields> | undefined;
  run: ImportDryRun;
}
type Progress = { label: string; done: number; total: number };

type Step =
  | { kind: 'choose' }
  | { kind: 'busy'; progress: Progress; back: Step }
  | ({ kind: 'mapping' } & Chosen)
  | ({ kind: 'checked' } & Checked)
  | { kind: 'imported'; name: string; result: ImportResult };

type JobResult<T> =
  { outcome: 'done'; value: T } | { outcome: 'cancelled' } | { outcome: 'failed' };

/** What went wrong, shown in an alert above the current step. */
type Failure = { message: string; detail: string; nothingStored: boolean };

export function ImportSection() {
  const { t } = useTranslation();
  const data = useData();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [undatedAs, setUndatedAs] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);
  const announce = (message: string) => useUi.getState().announce(message);

  /** Runs a long job with progress; Cancel (or a failure) returns to `back`. */
  const job = async <T,>(
    back: Step,
    label: string,
    work: (signal: AbortSignal, progress: (p: Progress) => void) => Promise<T>,
    failed: (error: unknown) => Failure,
  ): Promise<JobResult<T>> => {
    const abort = new AbortController();
    running.current = abort;
    setFailure(null);
    setNotice(null);
    const progress = (p: Progress) => {
      if (!abort.signal.aborted) setStep({ kind: 'busy', progress: p, back });
    };
    progress({ label, done: 0, total: 0 });
    try {
      return { outcome: 'done', value: await work(abort.signal, progress) };
    } catch (error) {
      setStep(back);
      if (wasAborted(error, abort.signal)) return { outcome: 'cancelled' };
      setFailure(failed(error));
      return { outcome: 'failed' };
    } finally {
      if (running.current === abort) running.current = null;
    }
  };

  const choose = async (file: File) => {
    const back: Step = { kind: 'choose' };
    const inspection = await job(
      back,
      t('interchange.ui.import.opening', { name: file.name }),
      (signal) => inspectFile(file, { signal }),
      (error) => ({ ...describeImportError(t, error), nothingStored: false }),
    );
    if (inspection.outcome !== 'done') return;
    const chosen = { file, inspection: inspection.value };
    setMapping(hasMapping(chosen.inspection) ? chosen.inspection.suggested : {});
    setUndatedAs('');
    setStep({ ...chosen, kind: 'mapping' });
  };

  const check = async (chosen: Chosen) => {
    const back: Step = { file: chosen.file, inspection: chosen.inspection, kind: 'mapping' };
    const reading = t('interchange.ui.import.reading', { name: chosen.file.name });
    const comparing = t('interchange.ui.import.comparing');
    const checked = await job(
      back,
      reading,
      async (signal, progress) => {
        const { plan, carried } = await readFile(chosen.file, chosen.inspection, {
          mapping,
          signal,
          onProgress: (done, total) => progress({ label: reading, done, total }),
          ...(isIsoDate(undatedAs) ? { undatedAs } : {}),
        });
        const run = await planImport(data, plan, {
          signal,
          onProgress: (done, total) => progress({ label: comparing, done, total }),
          ...(carried ? { carried } : {}),
        });
        return { plan, carried, run };
      },
      (error) => ({ ...describeImportError(t, error), nothingStored: false }),
    );
    if (checked.outcome === 'cancelled') announce(t('interchange.ui.import.checkCancelled'));
    if (checked.outcome !== 'done') return;
    setStep({
      file: chosen.file,
      inspection: chosen.inspection,
      ...checked.value,
      kind: 'checked',
    });
    announce(t('interchange.ui.import.checked', summaryParams(checked.value.run)));
  };

  const apply = async (checked: Checked) => {
    const back: Step = { ...checked, kind: 'checked' };
    const labels = {
      checking: t('interchange.ui.import.rechecking'),
      writing: t('interchange.ui.import.writing'),
    };
    const result = await job(
      back,
      labels.checking,
      (signal, progress) =>
        applyImport(data, checked.plan, {
          signal,
          fileName: checked.file.name,
          onProgress: (done, total, phase) => progress({ label: labels[phase], done, total }),
          ...(checked.carried ? { carried: checked.carried } : {}),
        }),
      (error) => ({ ...describeImportError(t, error), nothingStored: true }),
    );
    if (result.outcome === 'cancelled') {
      // The transaction was aborted: the summary is still true, and nothing was stored.
      setNotice(t('interchange.ui.import.cancelledNothingStored'));
      announce(t('interchange.ui.import.cancelledNothingStored'));
    }
    if (result.outcome !== 'done') return;
    const { counts } = result.value;
    setStep({ kind: 'imported', name: checked.file.name, result: result.value });
    announce(
      t('interchange.ui.import.done', {
        name: checked.file.name,
        new: counts.new,
        updated: counts.updated,
        unchanged: counts.unchanged,
      }),
    );
  };

  // A file dropped anywhere on the screen starts over with it, unless a job is running.
  const chooseLatest = useRef(choose);
  useEffect(() => {
    chooseLatest.current = choose;
  });
  const onDrop = useCallback((file: File) => void chooseLatest.current(file), []);
  const dragging = useDatasetDrop(step.kind === 'busy' ? null : onDrop);

  // Each new step takes the focus to the section's heading, as the controls that had it are gone.
  const heading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step.kind);
  useEffect(() => {
    if (shownStep.current === step.kind) return;
    shownStep.current = step.kind;
    if (step.kind !== 'busy') heading.current?.focus();
  }, [step.kind]);

  // Leaving the screen stops a read or a check; an import being written is left to finish (and
  // announce itself), since leaving is not asking to cancel it.
  const writing = step.kind === 'busy' && step.back.kind === 'checked';
  const writingNow = useRef(writing);
  useEffect(() => {
    writingNow.current = writing;
  });
  useEffect(
    () => () => {
      if (!writingNow.current) running.current?.abort();
    },
    [],
  );

  const restart = () => {
    setFailure(null);
    setNotice(null);
    setStep({ kind: 'choose' });
  };

  return (
    <section className="panel interchange-import" aria-labelledby="interchange-import-title">
      <h2 id="interchange-import-title" ref={heading} tabIndex={-1}>
        {t('interchange.ui.import.title')}
      </h2>
      {failure ? (
        <div role="alert" className="interchange-failure">
          <p className="refusal">{failure.message}</p>
          {failure.nothingStored ? <p>{t('interchange.ui.import.failedNothingStored')}</p> : null}
          <details>
            <summary>{t('bundle.technicalDetails')}</summary>
            <p className="detail">{failure.detail}</p>
          </details>
        </div>
      ) : null}
      {notice ? (
        <p role="status" className="notice">
          {notice}
        </p>
      ) : null}
      {step.kind === 'choose' ? (
        <>
          <p>{t('interchange.ui.import.intro')}</p>
          <FileDropZone onFile={(file) => void choose(file)} active={dragging} />
        </>
      ) : null}
      {dragging && step.kind !== 'choose' ? (
        <p className="notice">{t('interchange.ui.import.dropToReplace')}</p>
      ) : null}
      {step.kind === 'busy' ? (
        <ProgressLine
          label={step.progress.label}
          done={step.progress.done}
          total={step.progress.total}
          onCancel={() => running.current?.abort()}
        />
      ) : null}
      {step.kind === 'mapping' ? (
        <MappingStep
          inspection={step.inspection}
          mapping={mapping}
          onMapping={setMapping}
          undatedAs={undatedAs}
          onUndatedAs={setUndatedAs}
          onCheck={() => void check(step)}
          onBack={restart}
        />
      ) : null}
      {step.kind === 'checked' ? (
        <CheckedStep
          checked={step}
          onImport={() => void apply(step)}
          onBack={() => {
            setNotice(null);
            setFailure(null);
            setStep({ kind: 'mapping', file: step.file, inspection: step.inspection });
          }}
        />
      ) : null}
      {step.kind === 'imported' ? (
        <ImportedStep name={step.name} result={step.result} onAnother={restart} />
      ) : null}
    </section>
  );
}

function summaryParams(run: ImportDryRun) {
  return {
    new: run.counts.new,
    updated: run.counts.updated,
    unchanged: run.counts.unchanged,
    refused: run.counts.refused,
  };
}

function CheckedStep({
  checked,
  onImport,
  onBack,
}: {
  checked: Checked;
  onImport: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const writes = checked.run.counts.new + checked.run.counts.updated;
  return (
    <>
      <DryRunSummary run={checked.run} fileName={checked.file.name} />
      {writes > 0 ? (
        <p className="hint">{t('interchange.ui.import.allOrNothing')}</p>
      ) : (
        <p className="notice">{t('interchange.ui.import.nothingToDo')}</p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onBack}>
          {t('interchange.ui.import.backToMapping')}
        </button>
        {writes > 0 ? (
          <button type="button" className="primary" onClick={onImport}>
            {t('interchange.ui.import.run', { count: writes })}
          </button>
        ) : null}
      </div>
    </>
  );
}

function ImportedStep({
  name,
  result,
  onAnother,
}: {
  name: string;
  result: ImportResult;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useUi((s) => s.navigate);
  return (
    <>
      <p role="status">
        {t('interchange.ui.import.done', {
          name,
          new: result.counts.new,
          updated: result.counts.updated,
          unchanged: result.counts.unchanged,
        })}
      </p>
      {result.sources.created + result.sources.reused > 0 ? (
        <p>
          {t('interchange.ui.import.sourcesDone', {
            created: result.sources.created,
            links: result.links,
          })}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={() => navigate({ view: 'incidents' })}>
          {t('interchange.ui.import.showIncidents')}
        </button>
        <button type="button" className="primary" onClick={onAnother}>
          {t('interchange.ui.import.another')}
        </button>
      </div>
    </>
  );
}
