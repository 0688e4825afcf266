/** Undo of the last saved change: pops the stack and writes the inverse operations. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useData } from '../../app/appContext.ts';
import { useUi } from '../../state/uiStore.ts';

export function useUndo() {
  const data = useData();
  const { t } = useTranslation();
  const canUndo = useUi((s) => s.undoStack.length > 0);
  const next = useUi((s) => s.undoStack.at(-1));
  const undo = useCallback(async () => {
    const entry = useUi.getState().popUndo();
    if (!entry) return;
    try {
      await data.write(entry.ops);
      useUi.getState().announce(t('undo.done', { action: t(entry.label, entry.params) }));
    } catch (error) {
      useUi
        .getState()
        .announce(
          t('undo.failed', { reason: error instanceof Error ? error.message : String(error) }),
        );
    }
  }, [data, t]);
  return { undo, canUndo, nextLabel: next ? t(next.label, next.params) : null };
}
