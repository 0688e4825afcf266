/**
 * Search and filters above the incidents list and beside the map: the search box, the filter
 * panel (shown on demand), saved views, and how far the search index is while it is prepared.
 */
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFind } from '../../state/findStore.ts';
import { routeHash } from '../../state/route.ts';
import { useUi } from '../../state/uiStore.ts';
import { FilterPanel } from './FilterPanel.tsx';
import { SavedViews } from './SavedViews.tsx';
import { SearchBox } from './SearchBox.tsx';

export function FindBar({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const { phase, loaded, total } = useFind();
  const searching = useUi((s) => s.incidentFilter.text.trim() !== '');
  return (
    <div className="find-bar">
      <div className="find-row">
        <SearchBox />
        <button
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
        >
          {t('find.filters')}
        </button>
        {children}
        {searching ? <a href={routeHash({ view: 'search' })}>{t('find.searchAllKinds')}</a> : null}
        <SavedViews />
      </div>
      {phase === 'loading' ? (
        <p role="status" className="hint">
          {t('find.preparing', { loaded: loaded.toLocaleString(), total: total.toLocaleString() })}
        </p>
      ) : phase === 'failed' ? (
        <p role="alert">{t('find.failed')}</p>
      ) : null}
      {open ? <FilterPanel id={panelId} /> : null}
    </div>
  );
}
