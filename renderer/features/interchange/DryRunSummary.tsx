/**
 * What importing the whole file would do, before anything is written: how many incidents are
 * new, updated, unchanged or refused, which fields the updates change, which sources would be
 * created, remarks about the file and its rows, and every refused row (the first 200) with where
 * it is and why. Importing is one button; it says how many incidents it writes.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportMessage } from '../../../shared/interchange/imported.ts';
import type { ImportDryRun } from '../../data/importDryRun.ts';
import { importMessageText, locationText, targetLabel } from './importMessages.ts';

export const REFUSED_LISTED = 200;
const OUTCOMES = ['new', 'updated', 'unchanged', 'refused'] as const;

export function DryRunSummary({ run, fileName }: { run: ImportDryRun; fileName: string }) {
  const { t } = useTranslation();
  const refusedId = useId();
  const changed = Object.entries(run.changedFields).sort((a, b) => b[1] - a[1]);
  const rowRemarks = remarkCounts(run.incidents.flatMap((p) => p.item.remarks));
  const listed = run.refused.slice(0, REFUSED_LISTED);
  return (
    <div className="interchange-summary">
      <p>{t('interchange.ui.summary.read', { name: fileName, count: run.total })}</p>
      <ul className="outcome-counts" aria-label={t('interchange.ui.summary.counts')}>
        {OUTCOMES.map((outcome) => (
          <li
            key={outcome}
            className={run.counts[outcome] > 0 ? `interchange-outcome-${outcome}` : undefined}
          >
            {t(`interchange.ui.count.${outcome}`, { count: run.counts[outcome] })}
          </li>
        ))}
      </ul>
      {changed.length > 0 ? (
        <p>
          {t('interchange.ui.summary.changedFields', {
            fields: changed
              .map(([field, count]) => `${targetLabel(t, field)} (${count})`)
              .join(', '),
          })}
        </p>
      ) : null}
      {run.sources.toCreate.length > 0 || run.sources.reused.size > 0 ? (
        <p>
          {t('interchange.ui.summary.sources', {
            created: run.sources.toCreate.length,
            reused: run.sources.reused.size,
          })}
          {run.sources.toCreate.length > 0 ? (
            <span className="detail" dir="auto">
              {' '}
              {run.sources.toCreate.slice(0, 20).join('; ')}
              {run.sources.toCreate.length > 20 ? '…' : ''}
            </span>
          ) : null}
        </p>
      ) : null}
      {run.remarks.length > 0 || rowRemarks.length > 0 ? (
        <section aria-labelledby={`${refusedId}-remarks`}>
          <h3 id={`${refusedId}-remarks`}>{t('interchange.ui.summary.remarks')}</h3>
          <ul className="plain-list">
            {run.remarks.map((remark, i) => (
              <li key={`file-${i}`} dir="auto">
                {importMessageText(t, remark)}
              </li>
            ))}
            {rowRemarks.map(({ example, count }) => (
              <li key={example.key} dir="auto">
                {t('interchange.ui.summary.rowRemark', {
                  count,
                  remark: importMessageText(t, example),
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {listed.length > 0 ? (
        <section aria-labelledby={refusedId}>
          <h3 id={refusedId}>
            {t('interchange.ui.summary.refusedTitle', { count: run.refused.length })}
          </h3>
          <div className="interchange-scroll">
            <table className="data-table" aria-labelledby={refusedId}>
              <thead>
                <tr>
                  <th scope="col">{t('interchange.ui.summary.where')}</th>
                  <th scope="col">{t('interchange.ui.summary.why')}</th>
                  <th scope="col">{t('interchange.ui.summary.value')}</th>
                </tr>
              </thead>
              <tbody>
                {listed.map((problem, i) => (
                  <tr key={i}>
                    <td>{locationText(t, problem.at)}</td>
                    <td dir="auto">{importMessageText(t, problem)}</td>
                    <td dir="auto" className="detail">
                      {problem.detail ?? ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {run.refused.length > REFUSED_LISTED ? (
            <p className="hint">
              {t('interchange.ui.summary.moreRefused', {
                count: run.refused.length - REFUSED_LISTED,
              })}
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

/** Row remarks grouped by what they say: one example of each and how many rows have it. */
function remarkCounts(remarks: readonly ImportMessage[]) {
  const groups = new Map<string, { example: ImportMessage; count: number }>();
  for (const remark of remarks) {
    const group = groups.get(remark.key);
    if (group) group.count++;
    else groups.set(remark.key, { example: remark, count: 1 });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}
