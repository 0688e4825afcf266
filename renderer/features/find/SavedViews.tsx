/**
 * Saved views: the current search, filters and order kept under a name on this device, to come
 * back to with one choice ("Kunduz, verified, this year"). They hold what the person typed, so
 * they stay in this profile's database like the records (and will be encrypted with them).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useData, useLive } from '../../app/appContext.ts';
import type { IncidentSort, SortDirection } from '../../data/daftarData.ts';
import { NO_FILTER, type IncidentFilter } from '../../data/incidentFilter.ts';
import { useUi } from '../../state/uiStore.ts';

export const SAVED_VIEWS_SETTING = 'savedViews';

export interface SavedView {
  id: string;
  name: string;
  filter: IncidentFilter;
  sort: { by: IncidentSort; direction: SortDirection };
}

export function SavedViews() {
  const { t } = useTranslation();
  const data = useData();
  const ids = { pick: useId(), name: useId() };
  const views = useLive((d) => d.getSetting<SavedView[]>(SAVED_VIEWS_SETTING), []) ?? [];
  const filter = useUi((s) => s.incidentFilter);
  const sort = useUi((s) => s.incidentSort);
  const announce = useUi((s) => s.announce);
  const [name, setName] = useState('');
  const [picked, setPicked] = useState('');
  const chosen = views.find((v) => v.id === picked);

  const store = (next: SavedView[]) => data.setSetting(SAVED_VIEWS_SETTING, next);
  const save = async () => {
    const trimmed = name.trim();
    if (trimmed === '') return;
    const same = views.find((v) => v.name === trimmed);
    const view: SavedView = { id: same?.id ?? data.newId(), name: trimmed, filter, sort };
    await store(same ? views.map((v) => (v === same ? view : v)) : [...views, view]);
    setName('');
    setPicked(view.id);
    announce(t('find.viewSaved', { name: trimmed }));
  };
  const apply = (view: SavedView) => {
    // Filters added in later versions take their "no filter" value.
    useUi.setState({ incidentFilter: { ...NO_FILTER, ...view.filter }, incidentSort: view.sort });
    announce(t('find.viewApplied', { name: view.name }));
  };
  const remove = async (view: SavedView) => {
    await store(views.filter((v) => v.id !== view.id));
    setPicked('');
    announce(t('find.viewDeleted', { name: view.name }));
  };

  return (
    <div className="saved-views">
      <span>
        <label htmlFor={ids.pick}>{t('find.savedViews')}</label>
        <select
          id={ids.pick}
          value={picked}
          onChange={(e) => {
            setPicked(e.target.value);
            const view = views.find((v) => v.id === e.target.value);
            if (view) apply(view);
          }}
        >
          <option value="">{t('find.chooseView', { count: views.length })}</option>
          {views.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
        {chosen ? (
          <button type="button" onClick={() => void remove(chosen)}>
            {t('find.deleteView', { name: chosen.name })}
          </button>
        ) : null}
      </span>
      <span>
        <label htmlFor={ids.name}>{t('find.viewName')}</label>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="button" disabled={name.trim() === ''} onClick={() => void save()}>
          {t('find.saveView')}
        </button>
      </span>
    </div>
  );
}
