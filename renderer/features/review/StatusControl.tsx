/**
 * Verification of one incident or source: its status, why, who set it and when, and the steps
 * that lead on from it (submit, verify, dispute, reject, back to draft). A step that needs a
 * reason asks for one; each step is one change in the record's history.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotatableKind } from '../../../shared/domain/annotation.ts';
import {
  reviewStatusOf,
  STATUS_NEEDS_REASON,
  STATUS_STEPS,
  type RecordStatus,
  type ReviewStatus,
} from '../../../shared/domain/vocabulary.ts';
import { useData, useLive } from '../../app/appContext.ts';
import { useUi } from '../../state/uiStore.ts';
import { ReviewStepError } from '../../data/reviewData.ts';
import { ChangeStamp } from './ChangeStamp.tsx';

interface Props {
  kind: AnnotatableKind;
  id: string;
  status: RecordStatus;
  reason: string;
}

export function StatusControl({ kind, id, status, reason }: Props) {
  const { t } = useTranslation();
  const data = useData();
  const announce = useUi((s) => s.announce);
  const pushUndo = useUi((s) => s.pushUndo);
  const current = reviewStatusOf(status);
  const [step, setStep] = useState<ReviewStatus | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const lastStep = useLive((d) => d.review.lastStatusStep(kind, id), [kind, id]);

  const needsReason = step !== null && STATUS_NEEDS_REASON.includes(step);
  const confirm = async () => {
    if (step === null) return;
    try {
      const written = await data.review.setStatus(kind, id, step, text);
      pushUndo({ label: 'undo.statusStep', ops: written.undo });
      announce(t('review.status.changed', { status: t(`vocab.status.${step}`) }));
      setStep(null);
      setText('');
      setError(null);
    } catch (e) {
      setError(
        e instanceof ReviewStepError
          ? t(`review.status.error.${e.code}`)
          : e instanceof Error
            ? e.message
            : String(e),
      );
    }
  };

  return (
    <section className="review-status" aria-labelledby={`status-${id}`}>
      <h2 id={`status-${id}`}>{t('review.status.title')}</h2>
      <p>
        <span className={`status-badge status-${current}`}>{t(`vocab.status.${status}`)}</span>
        {reason ? (
          <>
            {' — '}
            <q dir="auto">{reason}</q>
          </>
        ) : null}
      </p>
      {lastStep ? (
        <p className="hint">
          <ChangeStamp change={lastStep} />
        </p>
      ) : null}
      {step === null ? (
        <div className="row" role="group" aria-label={t('review.status.steps')}>
          {STATUS_STEPS[current].map((next) => (
            <button key={next} type="button" onClick={() => setStep(next)}>
              {t(`review.status.step.${next}`)}
            </button>
          ))}
        </div>
      ) : (
        <form
          className="status-step"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          <label>
            {t(needsReason ? 'review.status.reasonRequired' : 'review.status.reasonOptional')}
            <textarea
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={2}
              dir="auto"
              required={needsReason}
              autoFocus
            />
          </label>
          {error ? <p role="alert">{error}</p> : null}
          <div className="row">
            <button type="submit">
              {t('review.status.confirm', { step: t(`review.status.step.${step}`) })}
            </button>
            <button
              type="button"
              onClick={() => {
                setStep(null);
                setError(null);
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
