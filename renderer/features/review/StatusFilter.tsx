/** "Status: all / draft / submitted / …": the review-status filter above a list. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { REVIEW_STATUSES, type ReviewStatus } from '../../../shared/domain/vocabulary.ts';

interface Props {
  statuses: readonly ReviewStatus[] | null;
  onChange: (statuses: readonly ReviewStatus[] | null) => void;
}

export function StatusFilter({ statuses, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <span className="status-filter">
      <label htmlFor={id}>{t('filter.status')}</label>
      <select
        id={id}
        value={statuses?.length === 1 ? statuses[0] : ''}
        onChange={(e) => onChange(e.target.value === '' ? null : [e.target.value as ReviewStatus])}
      >
        <option value="">{t('filter.allStatuses')}</option>
        {REVIEW_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`vocab.status.${s}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
