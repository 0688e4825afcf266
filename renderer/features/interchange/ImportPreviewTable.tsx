/**
 * The first rows of the file as they would be imported with the chosen mapping: title, date,
 * type, place, fatalities, identifier and credited sources — or why the row would be refused.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviewRow } from './importFile.ts';
import { importMessageText } from './importMessages.ts';

export function ImportPreviewTable({
  rows,
  unit,
}: {
  rows: readonly PreviewRow[];
  /** What a row is called: a table's row or a map feature. */
  unit: 'row' | 'feature';
}) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <div className="interchange-scroll">
      <table className="data-table interchange-preview" aria-labelledby={captionId}>
        <caption id={captionId}>
          {t('interchange.ui.preview.caption', { count: rows.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t(`interchange.ui.preview.${unit}`)}</th>
            <th scope="col">{t('fieldName.title')}</th>
            <th scope="col">{t('interchange.ui.preview.date')}</th>
            <th scope="col">{t('fieldName.eventType')}</th>
            <th scope="col">{t('fieldName.placeName')}</th>
            <th scope="col">{t('interchange.ui.preview.fatalities')}</th>
            <th scope="col">{t('fieldName.externalId')}</th>
            <th scope="col">{t('interchange.field.sourceNames')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.n}>
              <td>{row.n}</td>
              {row.incident ? (
                <>
                  <td dir="auto">{row.incident.fields.title}</td>
                  <td>
                    {row.incident.fields.dateStart}
                    {row.incident.fields.dateEnd ? ` – ${row.incident.fields.dateEnd}` : ''}
                  </td>
                  <td dir="auto">
                    {[row.incident.fields.eventType, row.incident.fields.subEventType]
                      .filter((s) => s !== '')
                      .join(' / ')}
                  </td>
                  <td dir="auto">{placeOf(row)}</td>
                  <td>{row.incident.fields.fatalities ?? '—'}</td>
                  <td dir="auto">{row.incident.fields.externalId}</td>
                  <td dir="auto">{row.incident.sourceNames.join('; ')}</td>
                </>
              ) : (
                <td colSpan={7} className="refusal">
                  {t('interchange.ui.preview.refused', {
                    reason: row.problem ? importMessageText(t, row.problem) : '',
                  })}
                  {row.problem?.detail ? (
                    <span className="detail" dir="auto">
                      {' '}
                      {row.problem.detail}
                    </span>
                  ) : null}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function placeOf(row: PreviewRow): string {
  const f = row.incident!.fields;
  const place = [f.placeName, f.district, f.province, f.country].filter((s) => s !== '').join(', ');
  const point = f.latitude === null ? '' : ` (${f.latitude}, ${f.longitude})`;
  return place + point;
}
