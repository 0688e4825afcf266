/**
 * What goes into a bundle: everything, the incidents selected in the list, or what one teammate
 * has not seen yet (judged from the bundles of everything they sent us).
 */
import { useTranslation } from 'react-i18next';
import type { TeammateRow } from '../../data/database.ts';
import { useUi } from '../../state/uiStore.ts';

export type ScopeKind = 'all' | 'incidents' | 'unseenBy';

export function ExportScopeFields({
  kind,
  onKind,
  teammate,
  onTeammate,
  teammates,
  selected,
}: {
  kind: ScopeKind;
  onKind: (kind: ScopeKind) => void;
  teammate: string;
  onTeammate: (device: string) => void;
  teammates: readonly TeammateRow[];
  selected: number;
}) {
  const { t } = useTranslation();
  const navigate = useUi((s) => s.navigate);
  const radio = (value: ScopeKind, label: string, disabled = false) => (
    <label className="checkbox">
      <input
        type="radio"
        name="export-scope"
        value={value}
        checked={kind === value}
        disabled={disabled}
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
    </fieldset>
  );
}
