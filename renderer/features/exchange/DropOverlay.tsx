/** Shown while a file is dragged over the window: where it goes when dropped. */
import { useTranslation } from 'react-i18next';

export function DropOverlay() {
  const { t } = useTranslation();
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p>{t('bundle.dropHere')}</p>
    </div>
  );
}
