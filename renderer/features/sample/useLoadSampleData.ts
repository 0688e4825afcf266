/** "Load sample data": the article's records in one undoable write. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isoDateOf } from '../../../shared/util/isoDate.ts';
import { useData } from '../../app/appContext.ts';
import { useUi } from '../../state/uiStore.ts';
import { SAMPLE_COUNTS, sampleDataOps } from './sampleData.ts';

const LOADED_AT = 'sampleLoadedAt';

export function useLoadSampleData() {
  const data = useData();
  const { t } = useTranslation();
  return useCallback(async () => {
    const previous = await data.getSetting<string>(LOADED_AT);
    if (previous && !window.confirm(t('sample.confirmAgain', { date: previous }))) return;
    const result = await data.write(sampleDataOps(data.newId, isoDateOf(Date.now())), {
      freshIds: true,
    });
    await data.setSetting(LOADED_AT, new Date().toISOString());
    const ui = useUi.getState();
    ui.pushUndo({ label: 'undo.loadSample', ops: result.undo });
    ui.navigate({ view: 'incidents' });
    ui.announce(t('sample.loaded', SAMPLE_COUNTS), true);
  }, [data, t]);
}
