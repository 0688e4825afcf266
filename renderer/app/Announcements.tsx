/** Short messages after an action ("Incident deleted"), read out by screen readers, with Undo. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useUi } from '../state/uiStore.ts';

const VISIBLE_MS = 10_000;

export function Announcements({ onUndo }: { onUndo: () => void }) {
  const { t } = useTranslation();
  const announcement = useUi((s) => s.announcement);
  const dismiss = useUi((s) => s.dismissAnnouncement);
  useEffect(() => {
    if (!announcement) return;
    const timer = setTimeout(dismiss, VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [announcement, dismiss]);
  return (
    <div className="announcements" role="status" aria-live="polite">
      {announcement ? (
        <div className="toast" key={announcement.id}>
          <span>{announcement.message}</span>
          {announcement.undoable ? (
            <button
              type="button"
              onClick={() => {
                dismiss();
                onUndo();
              }}
            >
              {t('actions.undo')}
            </button>
          ) : null}
          <button type="button" aria-label={t('actions.dismiss')} onClick={dismiss}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
