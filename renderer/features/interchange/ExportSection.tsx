/**
 * "Export data": incidents as ACLED CSV, plain CSV, GeoJSON or KML, or sources as CSL-JSON; every
 * incident or the current result set (the list's filter and search), with how many that is; then
 * saved through the host — Electron's save dialog, a download in the web build.
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useData, useLive, usePlatform } from '../../app/appContext.ts';
import { ProgressLine } from '../../components/ProgressLine.tsx';
import {
  exportIncidents,
  exportSourcesCsl,
  fileBytes,
  INCIDENT_EXPORT_FORMATS,
  sourcesOfIncidents,
  type ExportedFile,
  type IncidentExportFormat,
} from '../../data/exportFiles.ts';
import { useCurrentIncidentIds } from '../../find/useResultSet.ts';
import { useUi } from '../../state/uiStore.ts';
import { wasAborted } from './importMessages.ts';

type Format = IncidentExportFormat | 'csl';
type Scope = 'all' | 'results';

const FORMATS: readonly Format[] = [...INCIDENT_EXPORT_FORMATS, 'csl'];

export function ExportSection() {
  const { t } = useTranslation();
  const data = useData();
  const platform = usePlatform();
  const resultIds = useCurrentIncidentIds(data);
  const counts = useLive(
    async (d) => ({ incidents: await d.count('incident'), sources: await d.count('source') }),
    [],
  );
  const [format, setFormat] = useState<Format>('acled-csv');
  const [chosenScope, setScope] = useState<Scope>('all');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);
  const scopeHintId = useId();

  const filtered = Array.isArray(resultIds);
  // Without a filter the result set is every incident: "all" is the only choice.
  const scope: Scope = filtered ? chosenScope : 'all';
  const what = format === 'csl' ? 'sources' : 'incidents';
  const allCount = counts?.[what];

  const run = async () => {
    const abort = new AbortController();
    running.current = abort;
    setBusy(true);
    setError(null);
    const announce = useUi.getState().announce;
    try {
      const ids = scope === 'results' && resultIds ? resultIds : null;
      const options = { signal: abort.signal };
      let file: ExportedFile;
      if (format === 'csl') {
        const sourceIds = ids === null ? null : await sourcesOfIncidents(data, ids);
        file = await exportSourcesCsl(data, sourceIds, options);
      } else file = await exportIncidents(data, ids, format, options);
      abort.signal.throwIfAborted();
      const outcome = await platform.saveFile({
        suggestedName: file.name,
        mediaType: file.mediaType,
        data: fileBytes(file.chunks),
      });
      announce(
        outcome === 'saved'
          ? t(`interchange.ui.export.saved.${what}`, { name: file.name, count: file.count })
          : t('interchange.ui.export.notSaved'),
      );
    } catch (e) {
      if (wasAborted(e, abort.signal)) announce(t('interchange.ui.export.cancelled'));
      // The host's own words (a full disk, a read-only stick) are meant for the person.
      else setError(t('interchange.ui.export.failed', { reason: errorText(e) }));
    } finally {
      setBusy(false);
      running.current = null;
    }
  };

  return (
    <section className="panel interchange-export" aria-labelledby="interchange-export-title">
      <h2 id="interchange-export-title">{t('interchange.ui.export.title')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void run();
        }}
      >
        <fieldset>
          <legend>{t('interchange.ui.export.format')}</legend>
          {FORMATS.map((value) => (
            <div key={value}>
              <label className="checkbox">
                <input
                  type="radio"
                  name="interchange-export-format"
                  value={value}
                  checked={format === value}
                  onChange={() => setFormat(value)}
                />
                {t(`interchange.ui.export.formats.${value}`)}
              </label>
            </div>
          ))}
          <p className="hint">{t(`interchange.ui.export.formatHint.${format}`)}</p>
        </fieldset>
        <fieldset aria-describedby={scopeHintId}>
          <legend>{t(`interchange.ui.export.scope.${what}`)}</legend>
          <div>
            <label className="checkbox">
              <input
                type="radio"
                name="interchange-export-scope"
                value="all"
                checked={scope === 'all'}
                onChange={() => setScope('all')}
              />
              {allCount === undefined
                ? t(`interchange.ui.export.all.${what}Unknown`)
                : t(`interchange.ui.export.all.${what}`, { count: allCount })}
            </label>
          </div>
          <div>
            <label className="checkbox">
              <input
                type="radio"
                name="interchange-export-scope"
                value="results"
                checked={scope === 'results'}
                disabled={!filtered}
                onChange={() => setScope('results')}
              />
              {filtered
                ? t(`interchange.ui.export.results.${what}`, { count: resultIds.length })
                : resultIds === undefined
                  ? t('interchange.ui.export.results.counting')
                  : t('interchange.ui.export.results.none')}
            </label>
          </div>
          <p id={scopeHintId} className="hint">
            {resultIds === null
              ? t('interchange.ui.export.noFilter')
              : t('interchange.ui.export.resultsHint')}
          </p>
        </fieldset>
        {busy ? (
          <ProgressLine
            label={t('interchange.ui.export.progress')}
            done={0}
            total={0}
            onCancel={() => running.current?.abort()}
          />
        ) : (
          <button type="submit" className="primary">
            {t('interchange.ui.export.run')}
          </button>
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

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
