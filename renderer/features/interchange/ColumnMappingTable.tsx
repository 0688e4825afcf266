/**
 * The column mapping: one row per incident field a file can fill, each with a `<select>` of the
 * file's columns (or "not imported"), pre-filled with the suggestion. Each select is named
 * "Column for <field>" by its own label (htmlFor), never by a wrapping label, so its name does
 * not run on into its options.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAPPABLE_FIELDS,
  type ColumnMapping,
  type MappableField,
} from '../../../shared/interchange/columnMapping.ts';
import { targetLabel } from './importMessages.ts';

/** Targets a person is told about beside the select. */
const HINTED: ReadonlySet<MappableField> = new Set(['externalId', 'sourceNames', 'dateStart']);

export function ColumnMappingTable({
  columns,
  mapping,
  required,
  onChange,
  columnWord,
}: {
  columns: readonly string[];
  mapping: ColumnMapping;
  /** Targets that must have a column (the date, for a table). */
  required: ReadonlySet<MappableField>;
  onChange: (mapping: ColumnMapping) => void;
  /** "Column" (tables) or "Property" (map features). */
  columnWord: 'column' | 'property';
}) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <table className="data-table interchange-mapping" aria-labelledby={captionId}>
      <caption id={captionId}>{t(`interchange.ui.mapping.caption.${columnWord}`)}</caption>
      <thead>
        <tr>
          <th scope="col">{t('interchange.ui.mapping.field')}</th>
          <th scope="col">{t(`interchange.ui.mapping.${columnWord}`)}</th>
        </tr>
      </thead>
      <tbody>
        {MAPPABLE_FIELDS.map((target) => (
          <MappingRow
            key={target}
            target={target}
            columns={columns}
            value={mapping[target]}
            required={required.has(target)}
            columnWord={columnWord}
            onChange={(column) => {
              const next: ColumnMapping = Object.fromEntries(
                Object.entries(mapping).filter(([field]) => field !== target),
              );
              if (column !== undefined) next[target] = column;
              onChange(next);
            }}
          />
        ))}
      </tbody>
    </table>
  );
}

function MappingRow({
  target,
  columns,
  value,
  required,
  columnWord,
  onChange,
}: {
  target: MappableField;
  columns: readonly string[];
  value: string | undefined;
  required: boolean;
  columnWord: 'column' | 'property';
  onChange: (column: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = useId();
  const label = targetLabel(t, target);
  const missing = required && value === undefined;
  return (
    <tr>
      <th scope="row">
        {label}
        {required ? <span className="hint"> {t('interchange.ui.mapping.required')}</span> : null}
      </th>
      <td>
        <label htmlFor={id} className="visually-hidden">
          {t(`interchange.ui.mapping.${columnWord}For`, { field: label })}
        </label>
        <select
          id={id}
          value={value ?? ''}
          aria-invalid={missing || undefined}
          aria-describedby={HINTED.has(target) ? hintId : undefined}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        >
          <option value="">{t('interchange.ui.mapping.notImported')}</option>
          {columns.map((column, i) => (
            <option key={`${i}:${column}`} value={column}>
              {column === '' ? t('interchange.ui.mapping.unnamed', { n: i + 1 }) : column}
            </option>
          ))}
        </select>
        {HINTED.has(target) ? (
          <p id={hintId} className={missing ? 'field-error' : 'field-hint'}>
            {t(`interchange.ui.mapping.hint.${target}`)}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
