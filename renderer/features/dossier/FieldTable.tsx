/**
 * A record's fields as a two-column table, label and value. Values are record text in any
 * script: each part of a line is isolated (`<bdi>`), so a Latin name inside a Dari line, or a
 * Dari place after a Latin code, keeps its own direction and leaves the rest of the line alone.
 */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldRow } from './dossierFields.ts';

export function FieldTable({ rows, labelledBy }: { rows: FieldRow[]; labelledBy: string }) {
  const { t } = useTranslation();
  return (
    <table className="dossier-fields" aria-labelledby={labelledBy}>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td>
              {row.lines.length === 0 ? (
                <span className="hint">{t('common.notSet')}</span>
              ) : (
                row.lines.map((parts, i) => (
                  <div key={i}>
                    {parts.map((part, j) => (
                      <Fragment key={j}>
                        {j > 0 ? ' — ' : null}
                        <bdi dir={row.ltr ? 'ltr' : undefined}>{part}</bdi>
                      </Fragment>
                    ))}
                  </div>
                ))
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
