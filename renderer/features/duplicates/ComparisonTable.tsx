/**
 * Two incidents field by field: field | incident A | incident B. A row whose values differ is
 * marked (in words for screen readers too); where a value must be chosen, each side has a radio
 * button named after the field, and the kept value is highlighted. Lists that both records keep
 * (actors, tags, reported figures) say so instead.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChosenField } from '../../data/mergeIncidents.ts';
import {
  comparedFieldLabel,
  displayValue,
  isChosen,
  pickOf,
  type ComparisonRow,
  type Picks,
  type Side,
} from './comparison.ts';

interface Props {
  rows: readonly ComparisonRow[];
  picks: Picks;
  titles: Record<Side, string>;
  onPick: (field: ChosenField, side: Side) => void;
}

export function ComparisonTable({ rows, picks, titles, onPick }: Props) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="comparison-scroll" role="group" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="comparison">
        <caption id={`${id}-caption`}>{t('duplicates.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('duplicates.field')}</th>
            <th scope="col">
              <span className="side-label">A</span> <span dir="auto">{titles.a}</span>
            </th>
            <th scope="col">
              <span className="side-label">B</span> <span dir="auto">{titles.b}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const label = comparedFieldLabel(t, row.field);
            const chosen = isChosen(row);
            const kept = pickOf(picks, row);
            return (
              <tr key={row.field} className={row.differs ? 'differs' : undefined}>
                <th scope="row">
                  {label}
                  {row.differs ? (
                    <span className="differs-mark">
                      <span aria-hidden="true"> ≠</span>
                      <span className="visually-hidden"> {t('duplicates.differs')}</span>
                    </span>
                  ) : null}
                  {row.united && row.differs ? (
                    <span className="hint united-note">{t('duplicates.bothKept')}</span>
                  ) : null}
                </th>
                {(['a', 'b'] as const).map((side) => (
                  <td key={side} className={chosen && kept === side ? 'kept' : undefined}>
                    {chosen ? (
                      <label className="keep-choice">
                        <input
                          type="radio"
                          name={`${id}-${row.field}`}
                          checked={kept === side}
                          onChange={() => onPick(row.field as ChosenField, side)}
                          aria-label={t('duplicates.keepValue', {
                            side: side.toUpperCase(),
                            field: label,
                          })}
                        />
                        <Value row={row} side={side} />
                      </label>
                    ) : (
                      <Value row={row} side={side} />
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Value({ row, side }: { row: ComparisonRow; side: Side }) {
  const { t } = useTranslation();
  const lines = displayValue(t, row.field, row[side]);
  if (lines.length === 1) {
    return (
      <span className="value" dir="auto">
        {lines[0]}
      </span>
    );
  }
  return (
    <ul className="value-list">
      {lines.map((line, i) => (
        <li key={i} dir="auto">
          {line}
        </li>
      ))}
    </ul>
  );
}
