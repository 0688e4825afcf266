/** "Best match first": order the list by how well incidents match the search (with a query only). */
import { useTranslation } from 'react-i18next';
import { useUi } from '../../state/uiStore.ts';

export function BestMatch() {
  const { t } = useTranslation();
  const searching = useUi((s) => s.incidentFilter.text.trim() !== '');
  const sort = useUi((s) => s.incidentSort);
  if (!searching) return null;
  const on = sort.by === 'relevance';
  return (
    <button
      type="button"
      aria-pressed={on}
      onClick={() => useUi.setState({ incidentSort: { by: 'relevance', direction: 'desc' } })}
    >
      {t('find.bestMatch')}
    </button>
  );
}
