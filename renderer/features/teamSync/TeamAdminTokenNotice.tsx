/**
 * The team admin token the hub issued when the lead created the team, shown this once: what it
 * is for, the advice to save it in a password manager, a copy button, and "I have saved it".
 * The app keeps it in memory for this session's invites only.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function TeamAdminTokenNotice({ token, onSaved }: { token: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="team-admin-token" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('teamSyncUi.teamAdminToken.title')}</h3>
      <p className="hint" id={`${id}-advice`}>
        {t('teamSyncUi.teamAdminToken.advice')}
      </p>
      <label htmlFor={`${id}-token`}>{t('teamSyncUi.teamAdminToken.label')}</label>
      <input
        id={`${id}-token`}
        readOnly
        dir="ltr"
        spellCheck={false}
        autoComplete="off"
        aria-describedby={`${id}-advice`}
        value={token}
      />
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard.writeText(token).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {t('teamSyncUi.teamAdminToken.copy')}
      </button>
      <button type="button" onClick={onSaved}>
        {t('teamSyncUi.teamAdminToken.saved')}
      </button>
      <span role="status" className="hint">
        {copied ? t('teamSyncUi.teamAdminToken.copied') : ''}
      </span>
    </div>
  );
}
