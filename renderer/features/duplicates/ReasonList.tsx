/** Why a pair may be one event: each reason in words, marked as speaking for or against it. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DuplicateReason } from '../../../shared/duplicates/findDuplicateCandidates.ts';

export function ReasonList({ reasons }: { reasons: readonly DuplicateReason[] }) {
  const { t } = useTranslation();
  return (
    <ul className="duplicate-reasons">
      {reasons.map((reason) => (
        <li key={reason.key} className={reason.supports ? 'for' : 'against'}>
          <span aria-hidden="true" className="reason-mark">
            {reason.supports ? '+' : '−'}
          </span>{' '}
          <span className="visually-hidden">
            {t(reason.supports ? 'duplicates.reasonFor' : 'duplicates.reasonAgainst')}:{' '}
          </span>
          <span dir="auto">{reasonText(t, reason)}</span>
        </li>
      ))}
    </ul>
  );
}

/** One reason as a sentence; sub-types in the person's language. */
export function reasonText(t: TFunction, reason: DuplicateReason): string {
  const params: Record<string, string | number> = { ...reason.params };
  const subType = (value: unknown) =>
    t(`vocab.subEventType.${String(value)}`, { defaultValue: String(value) });
  if (reason.key === 'sameSubType') params.subType = subType(params.subType);
  if (reason.key === 'subTypeDiffers') {
    params.a = subType(params.a);
    params.b = subType(params.b);
  }
  return t(`duplicates.reason.${reason.key}`, params);
}
