/** Asks for the passphrase of an encrypted bundle; says so when the last one was wrong. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/fields.tsx';

export function PassphrasePrompt({
  wrong,
  onSubmit,
  onCancel,
}: {
  wrong: boolean;
  onSubmit: (passphrase: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (passphrase !== '') onSubmit(passphrase);
      }}
    >
      <p>{t('bundle.passphrase.intro')}</p>
      {wrong ? (
        <p role="alert" className="field-error">
          {t('bundle.errors.wrongPassphrase')}
        </p>
      ) : null}
      <TextField
        label={t('bundle.passphrase.label')}
        type="password"
        autoComplete="off"
        value={passphrase}
        onChange={setPassphrase}
      />
      <div className="dialog-actions">
        <button type="submit" className="primary" disabled={passphrase === ''}>
          {t('bundle.passphrase.open')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('actions.cancel')}
        </button>
      </div>
    </form>
  );
}
