/**
 * The step before the dry run: which column fills which field (tables and GeoJSON), a preview of
 * the first rows as they would be imported, the date for map features that carry none, and
 * "Check the whole file".
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnMapping, MappableField } from '../../../shared/interchange/columnMapping.ts';
import { isIsoDate } from '../../../shared/util/isoDate.ts';
import { ColumnMappingTable } from './ColumnMappingTable.tsx';
import { hasMapping, previewImport, type Inspection, type PreviewRow } from './importFile.ts';
import { ImportPreviewTable } from './ImportPreviewTable.tsx';

const DATE_REQUIRED: ReadonlySet<MappableField> = new Set(['dateStart']);
const NONE_REQUIRED: ReadonlySet<MappableField> = new Set();

export function MappingStep({
  inspection,
  mapping,
  onMapping,
  undatedAs,
  onUndatedAs,
  onCheck,
  onBack,
}: {
  inspection: Inspection;
  mapping: ColumnMapping;
  onMapping: (mapping: ColumnMapping) => void;
  undatedAs: string;
  onUndatedAs: (date: string) => void;
  onCheck: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const dateId = useId();
  const dateHintId = useId();
  const preview = usePreview(inspection, mapping, undatedAs);
  const isTable = inspection.format === 'csv';
  const needsDate = isTable && mapping.dateStart === undefined;
  const offersUndated = !isTable && mapping.dateStart === undefined;
  const badDate = undatedAs !== '' && !isIsoDate(undatedAs);

  return (
    <form
      className="interchange-step"
      onSubmit={(e) => {
        e.preventDefault();
        if (!needsDate && !badDate) onCheck();
      }}
    >
      <p>
        {t(`interchange.ui.mapping.intro.${inspection.format}`, {
          name: inspection.name,
          count: 'featureCount' in inspection ? inspection.featureCount : 0,
        })}
      </p>
      {inspection.format === 'csv' && inspection.acled !== null ? (
        <p className="notice">{t(`interchange.ui.mapping.${inspection.acled}`)}</p>
      ) : null}
      {hasMapping(inspection) ? (
        <ColumnMappingTable
          columns={inspection.columns}
          mapping={mapping}
          required={isTable ? DATE_REQUIRED : NONE_REQUIRED}
          onChange={onMapping}
          columnWord={isTable ? 'column' : 'property'}
        />
      ) : null}
      {offersUndated ? (
        <div className="field">
          <label htmlFor={dateId}>{t('interchange.ui.mapping.undatedAs')}</label>
          <input
            id={dateId}
            type="date"
            value={undatedAs}
            aria-describedby={dateHintId}
            aria-invalid={badDate || undefined}
            onChange={(e) => onUndatedAs(e.target.value)}
          />
          <p id={dateHintId} className="field-hint">
            {t('interchange.ui.mapping.undatedHint')}
          </p>
        </div>
      ) : null}
      {preview !== null && preview.length > 0 ? (
        <ImportPreviewTable rows={preview} unit={isTable ? 'row' : 'feature'} />
      ) : null}
      {needsDate ? (
        <p role="alert" className="field-error">
          {t('interchange.ui.mapping.dateNeeded')}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={onBack}>
          {t('interchange.ui.import.otherFile')}
        </button>
        <button type="submit" className="primary" disabled={needsDate || badDate}>
          {t('interchange.ui.import.check')}
        </button>
      </div>
    </form>
  );
}

/** The sample read with the current mapping; null while it is read. */
function usePreview(
  inspection: Inspection,
  mapping: ColumnMapping,
  undatedAs: string,
): PreviewRow[] | null {
  const [rows, setRows] = useState<PreviewRow[] | null>(null);
  useEffect(() => {
    if (!hasMapping(inspection)) return;
    let current = true;
    const date = isIsoDate(undatedAs) ? undatedAs : undefined;
    previewImport(inspection, mapping, date).then(
      (result) => {
        if (current) setRows(result);
      },
      // A sample the reader refuses shows no preview; the whole-file check says why.
      () => {
        if (current) setRows([]);
      },
    );
    return () => {
      current = false;
    };
  }, [inspection, mapping, undatedAs]);
  return rows;
}
