/** Deleting an incident or a source (with its links): undoable, announced, back to the list. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useData } from '../../app/appContext.ts';
import { useUi } from '../../state/uiStore.ts';

export function useDeleteRecord(kind: 'incident' | 'source') {
  const data = useData();
  const { t } = useTranslation();
  return useCallback(
    async (id: string, title: string) => {
      const result = await data.deleteWithLinks(kind, id);
      const ui = useUi.getState();
      ui.pushUndo({ label: `undo.delete.${kind}`, params: { title }, ops: result.undo });
      ui.navigate({ view: kind === 'incident' ? 'incidents' : 'sources' });
      ui.announce(t(`deleted.${kind}`, { title }), true);
    },
    [data, kind, t],
  );
}
