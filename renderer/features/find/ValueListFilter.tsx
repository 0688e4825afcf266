/**
 * One filter made of names the person picks — actors, provinces, districts, tags: a text field
 * suggesting the values in use (with how many incidents have each), and the picked ones as
 * removable chips. An incident with any of them is kept.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface FacetValue {
  value: string;
  count: number;
}

interface Props {
  label: string;
  values: readonly string[] | null;
  suggestions: readonly FacetValue[];
  onChange: (values: readonly string[] | null) => void;
}

const SUGGESTED = 200;

export function ValueListFilter({ label, values, suggestions, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [typed, setTyped] = useState('');
  const picked = values ?? [];
  const add = () => {
    const value = typed.trim();
    if (value === '' || picked.includes(value)) return;
    onChange([...picked, value]);
    setTyped('');
  };
  const remove = (value: string) => {
    const rest = picked.filter((v) => v !== value);
    onChange(rest.length === 0 ? null : rest);
  };
  return (
    <div className="value-filter">
      <label htmlFor={id}>{label}</label>
      <span className="value-filter-entry">
        <input
          id={id}
          list={`${id}-values`}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <datalist id={`${id}-values`}>
          {suggestions.slice(0, SUGGESTED).map((s) => (
            <option key={s.value} value={s.value}>
              {t('find.incidentCount', { count: s.count })}
            </option>
          ))}
        </datalist>
        <button type="button" onClick={add} disabled={typed.trim() === ''}>
          {t('find.addValue', { filter: label })}
        </button>
      </span>
      {picked.length > 0 ? (
        <ul className="chips" aria-label={t('find.picked', { filter: label })}>
          {picked.map((value) => (
            <li key={value} className="chip">
              <bdi>{value}</bdi>
              <button
                type="button"
                aria-label={t('find.removeValue', { value, filter: label })}
                onClick={() => remove(value)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
