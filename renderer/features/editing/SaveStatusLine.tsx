/** Says, politely to screen readers, whether the form's content is stored. */
import { useTranslation } from 'react-i18next';
import type { SaveStatus } from './useRecordEditor.ts';

export function SaveStatusLine({ status, error }: { status: SaveStatus; error: string | null }) {
  const { t } = useTranslation();
  return (
    <p className={`save-status save-status-${status}`} role="status" aria-live="polite">
      {status === 'failed' ? t('save.failed', { reason: error ?? '' }) : t(`save.${status}`)}
    </p>
  );
}
