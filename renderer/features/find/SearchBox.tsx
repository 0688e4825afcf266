/**
 * "Search": the full-text query of the shared filter, typed once for the list, the map and the
 * timeline. Applied shortly after typing stops; while a query is set the list is ordered by best
 * match until a column is chosen.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUi } from '../../state/uiStore.ts';

const SETTLE_MS = 200;

export function SearchBox() {
  const { t } = useTranslation();
  const id = useId();
  const text = useUi((s) => s.incidentFilter.text);
  const setText = useUi((s) => s.setSearchText);
  const [typed, setTyped] = useState(text);
  // The store changed elsewhere (a saved view, "Show all"): show what it holds.
  const [shown, setShown] = useState(text);
  if (shown !== text) {
    setShown(text);
    setTyped(text);
  }
  useEffect(() => {
    if (typed === text) return;
    const timer = setTimeout(() => setText(typed), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [typed, text, setText]);
  return (
    <span className="search-box" role="search">
      <label htmlFor={id}>{t('find.search')}</label>
      <input
        id={id}
        type="search"
        value={typed}
        placeholder={t('find.searchHint')}
        onChange={(e) => setTyped(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') setText(typed);
        }}
      />
    </span>
  );
}
