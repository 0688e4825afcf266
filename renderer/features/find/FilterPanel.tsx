/**
 * Every filter of the shared result set in one panel: dates, event type and sub-type, actors,
 * provinces and districts, review status, tags, the reliability of linked sources, conflicts and
 * open review notes. Values to pick from are those in use, from the find engine.
 */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RELIABILITY_GRADES,
  REVIEW_STATUSES,
  type Reliability,
  type ReviewStatus,
} from '../../../shared/domain/vocabulary.ts';
import { NO_FILTER, type IncidentFilter } from '../../data/incidentFilter.ts';
import { useUi } from '../../state/uiStore.ts';
import { useFacets } from './useFacets.ts';
import { ValueListFilter } from './ValueListFilter.tsx';

type Grade = Reliability | 'none';
const GRADES: readonly Grade[] = [...RELIABILITY_GRADES, 'none'];

export function FilterPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const filter = useUi((s) => s.incidentFilter);
  const setFilter = useUi((s) => s.setIncidentFilter);
  const facets = useFacets();
  const ids = { from: useId(), to: useId(), conflicts: useId(), notes: useId() };
  const change = (part: Partial<IncidentFilter>) => setFilter({ ...filter, ...part });
  const typeName = (type: string) =>
    type === '' ? t('map.noEventType') : t(`vocab.eventType.${type}`, { defaultValue: type });
  const subTypeName = (sub: string) =>
    sub === '' ? t('find.noSubType') : t(`vocab.subEventType.${sub}`, { defaultValue: sub });
  const eventTypes = facets?.eventTypes ?? [];
  const subTypes = (facets?.subEventTypes ?? []).filter((s) => s.count > 0);
  return (
    <section id={id} className="panel filter-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('find.filters')}</h2>
      <div className="filter-grid">
        <fieldset className="date-range">
          <legend>{t('find.dates')}</legend>
          <label htmlFor={ids.from}>{t('find.dateFrom')}</label>
          <input
            id={ids.from}
            type="date"
            value={filter.dateFrom ?? ''}
            onChange={(e) => change({ dateFrom: e.target.value || null })}
          />
          <label htmlFor={ids.to}>{t('find.dateTo')}</label>
          <input
            id={ids.to}
            type="date"
            value={filter.dateTo ?? ''}
            onChange={(e) => change({ dateTo: e.target.value || null })}
          />
        </fieldset>
        <Choices
          legend={t('fieldName.eventType')}
          options={eventTypes.map((f) => f.value)}
          counts={new Map(eventTypes.map((f) => [f.value, f.count]))}
          chosen={filter.eventTypes}
          name={typeName}
          onChange={(eventTypes) => change({ eventTypes })}
        />
        <Choices
          legend={t('fieldName.subEventType')}
          options={subTypes.map((f) => f.value)}
          counts={new Map(subTypes.map((f) => [f.value, f.count]))}
          chosen={filter.subEventTypes}
          name={subTypeName}
          onChange={(subEventTypes) => change({ subEventTypes })}
        />
        <Choices
          legend={t('find.status')}
          options={REVIEW_STATUSES}
          chosen={filter.statuses}
          name={(s) => t(`vocab.status.${s}`)}
          onChange={(statuses) => change({ statuses: statuses as ReviewStatus[] | null })}
        />
        <Choices
          legend={t('find.reliability')}
          options={GRADES}
          chosen={filter.reliabilities}
          name={(g) =>
            g === 'none' ? t('find.noGradedSource') : `${g} · ${t(`vocab.reliability.${g}`)}`
          }
          onChange={(reliabilities) => change({ reliabilities: reliabilities as Grade[] | null })}
        />
        <ValueListFilter
          label={t('find.actor')}
          values={filter.actors}
          suggestions={facets?.actors ?? []}
          onChange={(actors) => change({ actors })}
        />
        <ValueListFilter
          label={t('fieldName.province')}
          values={filter.provinces}
          suggestions={facets?.provinces ?? []}
          onChange={(provinces) => change({ provinces })}
        />
        <ValueListFilter
          label={t('fieldName.district')}
          values={filter.districts}
          suggestions={facets?.districts ?? []}
          onChange={(districts) => change({ districts })}
        />
        <ValueListFilter
          label={t('fieldName.tags')}
          values={filter.tags}
          suggestions={facets?.tags ?? []}
          onChange={(tags) => change({ tags })}
        />
        <YesNo
          id={ids.conflicts}
          label={t('find.conflicts')}
          value={filter.hasConflicts}
          yes={t('find.withConflicts')}
          no={t('find.withoutConflicts')}
          onChange={(hasConflicts) => change({ hasConflicts })}
        />
        <YesNo
          id={ids.notes}
          label={t('find.openNotes')}
          value={filter.hasOpenAnnotations}
          yes={t('find.withOpenNotes')}
          no={t('find.withoutOpenNotes')}
          onChange={(hasOpenAnnotations) => change({ hasOpenAnnotations })}
        />
      </div>
      <button type="button" onClick={() => setFilter({ ...NO_FILTER, text: filter.text })}>
        {t('find.clearFilters')}
      </button>
    </section>
  );
}

/** Checkboxes for a closed list of values; none ticked means no filter. */
function Choices<T extends string>(props: {
  legend: string;
  options: readonly T[];
  chosen: readonly T[] | null;
  name: (value: T) => string;
  counts?: ReadonlyMap<string, number>;
  onChange: (chosen: readonly T[] | null) => void;
}): ReactNode {
  const { t } = useTranslation();
  const { legend, options, chosen, name, counts, onChange } = props;
  // A value chosen earlier stays listed (and can be unticked) even if no incident has it now.
  const listed = [...new Set([...options, ...(chosen ?? [])])];
  const toggle = (value: T, on: boolean) => {
    const next = listed.filter((v) => (v === value ? on : (chosen ?? []).includes(v)));
    onChange(next.length === 0 ? null : next);
  };
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      {listed.length === 0 ? <p className="hint">{t('find.noValues')}</p> : null}
      {listed.map((value) => (
        <label key={value}>
          <input
            type="checkbox"
            checked={(chosen ?? []).includes(value)}
            onChange={(e) => toggle(value, e.target.checked)}
          />
          {name(value)}
          {counts?.has(value) ? (
            <span className="count"> ({counts.get(value)!.toLocaleString()})</span>
          ) : null}
        </label>
      ))}
    </fieldset>
  );
}

/** Any / with / without, for a yes-or-no property of incidents. */
function YesNo(props: {
  id: string;
  label: string;
  value: boolean | null;
  yes: string;
  no: string;
  onChange: (value: boolean | null) => void;
}) {
  const { t } = useTranslation();
  const { id, label, value, yes, no, onChange } = props;
  return (
    <span className="yes-no">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value === null ? '' : String(value)}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value === 'true')}
      >
        <option value="">{t('find.any')}</option>
        <option value="true">{yes}</option>
        <option value="false">{no}</option>
      </select>
    </span>
  );
}
