/**
 * Every reported death toll with the source that gave it. The incident's own figure is the most
 * conservative one; the editor offers it but the researcher decides.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { parseOptionalNumber } from '../../../shared/util/digits.ts';
import type { FatalityReportDraft } from './incidentDraft.ts';

interface Props {
  reports: FatalityReportDraft[];
  sources: { id: string; title: string }[];
  onChange: (reports: FatalityReportDraft[]) => void;
  onUseConservative: (count: number) => void;
  errorOf: (field: string) => string | undefined;
}

export function FatalityReportsEditor({
  reports,
  sources,
  onChange,
  onUseConservative,
  errorOf,
}: Props) {
  const { t } = useTranslation();
  const baseId = useId();
  const set = (index: number, patch: Partial<FatalityReportDraft>) =>
    onChange(reports.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const counts = reports
    .map((r) => parseOptionalNumber(r.count))
    .filter((n): n is number => n !== null && Number.isInteger(n) && n >= 0);
  const conservative = counts.length > 0 ? Math.min(...counts) : null;
  return (
    <fieldset className="fatality-reports">
      <legend>{t('incident.fatalityReports')}</legend>
      {reports.map((report, index) => {
        const error = errorOf(`fatalityReports.${index}.count`);
        const id = (part: string) => `${baseId}-${part}-${index}`;
        return (
          <div className="row" key={index}>
            <div className="cell">
              <label htmlFor={id('count')}>{t('incident.reportedCount', { n: index + 1 })}</label>
              <input
                id={id('count')}
                value={report.count}
                inputMode="numeric"
                aria-invalid={Boolean(error)}
                onChange={(e) => set(index, { count: e.target.value })}
              />
            </div>
            <div className="cell">
              <label htmlFor={id('source')}>{t('incident.reportedBy', { n: index + 1 })}</label>
              <select
                id={id('source')}
                value={report.sourceId ?? ''}
                onChange={(e) => set(index, { sourceId: e.target.value || null })}
              >
                <option value="">{t('incident.noSource')}</option>
                {sources.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            </div>
            <div className="cell">
              <label htmlFor={id('note')}>{t('incident.reportNote', { n: index + 1 })}</label>
              <input
                id={id('note')}
                value={report.note}
                dir="auto"
                onChange={(e) => set(index, { note: e.target.value })}
              />
            </div>
            <button type="button" onClick={() => onChange(reports.filter((_, i) => i !== index))}>
              {t('incident.removeReport', { n: index + 1 })}
            </button>
            {error ? (
              <div className="field-error" role="alert">
                {t(error)}
              </div>
            ) : null}
          </div>
        );
      })}
      <button
        type="button"
        onClick={() => onChange([...reports, { count: '', sourceId: null, note: '' }])}
      >
        {t('incident.addReport')}
      </button>
      {conservative !== null ? (
        <button type="button" onClick={() => onUseConservative(conservative)}>
          {t('incident.useConservative', { count: conservative })}
        </button>
      ) : null}
    </fieldset>
  );
}
