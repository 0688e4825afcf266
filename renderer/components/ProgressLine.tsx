/**
 * Progress of a long job with its Cancel button: a named `<progress>` (indeterminate until the
 * job reports a total) and a line saying what is happening.
 */
import { useTranslation } from 'react-i18next';

export function ProgressLine({
  label,
  done,
  total,
  onCancel,
}: {
  /** What is in progress; also the progress bar's accessible name. */
  label: string;
  done: number;
  total: number;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const known = total > 0;
  return (
    <div className="progress-line">
      <span>{label}</span>
      <progress
        aria-label={label}
        max={known ? total : undefined}
        value={known ? Math.min(done, total) : undefined}
      />
      <button type="button" onClick={onCancel}>
        {t('actions.cancel')}
      </button>
    </div>
  );
}
