/** What an import did: records by outcome, new changes, attachments and custody entries. */
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../data/bundleImport.ts';
import { useUi } from '../../state/uiStore.ts';
import { OutcomeCounts } from './OutcomeCounts.tsx';

export function ImportReportView({
  report,
  onClose,
}: {
  report: ImportReport;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useUi((s) => s.navigate);
  return (
    <div className="import-report">
      <OutcomeCounts counts={report.counts} />
      <p>
        {t('bundle.report.changes', { count: report.newChanges })}{' '}
        {t('bundle.report.attachments', { count: report.attachments })}{' '}
        {t('bundle.report.custody', { count: report.custody })}
      </p>
      {report.counts.conflicting > 0 ? <p>{t('bundle.report.conflicts')}</p> : null}
      <div className="dialog-actions">
        {report.counts.conflicting > 0 ? (
          <button
            type="button"
            onClick={() => {
              onClose();
              navigate({ view: 'conflicts' });
            }}
          >
            {t('bundle.report.showConflicts')}
          </button>
        ) : null}
        <button type="button" className="primary" onClick={onClose}>
          {t('actions.close')}
        </button>
      </div>
    </div>
  );
}
