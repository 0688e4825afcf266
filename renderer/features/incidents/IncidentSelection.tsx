/**
 * Choosing incidents for a "Selected incidents" bundle: a checkbox per row (each subscribes to
 * its own id only, so ticking one re-renders one cell, not the list) and a bar to select every
 * incident shown, clear the selection, or go on to export it.
 */
import { useTranslation } from 'react-i18next';
import { useUi } from '../../state/uiStore.ts';

export function SelectIncident({ id, title }: { id: string; title: string }) {
  const { t } = useTranslation();
  const selected = useUi((s) => s.selectedIncidents.has(id));
  const setSelected = useUi((s) => s.setIncidentSelected);
  return (
    <input
      type="checkbox"
      checked={selected}
      aria-label={t('selection.select', { title: title || t('incident.untitled') })}
      onChange={(e) => setSelected(id, e.target.checked)}
    />
  );
}

export function SelectionBar({ ids }: { ids: readonly string[] | undefined }) {
  const { t } = useTranslation();
  const count = useUi((s) => s.selectedIncidents.size);
  const selectIncidents = useUi((s) => s.selectIncidents);
  const clear = useUi((s) => s.clearIncidentSelection);
  const navigate = useUi((s) => s.navigate);
  return (
    <div className="selection-bar" role="group" aria-label={t('selection.label')}>
      <span>{t('selection.count', { count })}</span>
      <button
        type="button"
        disabled={!ids || ids.length === 0}
        onClick={() => ids && selectIncidents(ids)}
      >
        {t('selection.all')}
      </button>
      <button type="button" disabled={count === 0} onClick={clear}>
        {t('selection.clear')}
      </button>
      {count > 0 ? (
        <button type="button" onClick={() => navigate({ view: 'exchange' })}>
          {t('selection.export')}
        </button>
      ) : null}
    </div>
  );
}
