/**
 * What goes into a bundle: everything, the incidents selected in the list, what one teammate
 * has not seen yet (judged from the bundles of everything they sent us), or only this device's
 * review work — its annotations and status changes, with how many there are.
 */
import { useTranslation } from 'react-i18next';
import type { TeammateRow } from '../../data/database.ts';
import { useUi } from '../../state/uiStore.ts';

export type ScopeKind = 'all' | 'incidents' | 'unseenBy' | 'review';

export interface ReviewWorkCount {
  annotations: number;
  statusSteps: number;
}

export function ExportScopeFields({
  kind,
  onKind,
  teammate,
  onTeammate,
  teammates,
  selected,
  review,
}: {
  kind: ScopeKind;
  onKind: (kind: ScopeKind) => void;
  teammate: string;
  onTeammate: (device: string) => void;
  teammates: readonly TeammateRow[];
  selected: number;
  /** What a bundle of review work would carry; undefined while it is counted. */
  review: ReviewWorkCount | undefined;
}) {
  const { t } = useTranslation();
  const navigate = useUi((s) => s.navigate);
  const reviewTotal = review === undefined ? undefined : review.annotations + review.statusSteps;
  const radio = (value: ScopeKind, label: string, disabled = false, describedBy?: string) => (
    <label className="checkbox">
      <input
        type="radio"
        name="export-scope"
        value={value}
        checked={kind === value}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={() => onKind(value)}
      />
      {label}
    </label>
  );
  return (
    <fieldset className="export-scope">
      <legend>{t('bundle.export.scope')}</legend>
      <div>{radio('all', t('bundle.export.all'))}</div>
      <div>
        {radio('incidents', t('bundle.export.selected', { count: selected }), selected === 0)}{' '}
        {selected === 0 ? (
          <span className="hint">
            {t('bundle.export.selectHint')}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => navigate({ view: 'incidents' })}
            >
              {t('bundle.export.goToIncidents')}
            </button>
          </span>
        ) : null}
      </div>
      <div>
        {radio('unseenBy', t('bundle.export.unseen'), teammates.length === 0)}{' '}
        {teammates.length === 0 ? (
          <span className="hint">{t('bundle.export.noTeammates')}</span>
        ) : (
          <label className="inline-field">
            {t('bundle.export.teammate')}{' '}
            <select
              value={teammate}
              disabled={kind !== 'unseenBy'}
              onChange={(e) => onTeammate(e.target.value)}
            >
              {teammates.map((mate) => (
                <option key={mate.device} value={mate.device}>
                  {t('bundle.export.teammateOption', {
                    author: mate.author || t('history.unknownAuthor'),
                    fingerprint: mate.fingerprint,
                  })}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div>
        {radio('review', t('bundle.export.review'), reviewTotal === 0, 'export-review-count')}{' '}
        <span className="hint" id="export-review-count">
          {review === undefined
            ? null
            : reviewTotal === 0
              ? t('bundle.export.noReviewWork')
              : t('bundle.export.reviewCount', {
                  annotations: t('bundle.export.reviewAnnotations', { count: review.annotations }),
                  statuses: t('bundle.export.reviewStatuses', { count: review.statusSteps }),
                })}
        </span>
      </div>
    </fieldset>
  );
}
