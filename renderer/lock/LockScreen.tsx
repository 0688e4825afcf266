/**
 * What the app shows before any data is open: on first run, choosing the passphrase that will
 * encrypt everything; afterwards, the lock screen. A passphrase typed here that is the duress
 * passphrase wipes the profile and returns to first run, looking like any other start.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES, type UiLanguage } from '../../shared/ipc/contract.ts';
import { TextField } from '../components/fields.tsx';
import { changeLanguage } from '../i18n/i18n.ts';
import { MIN_PASSPHRASE_LENGTH, type Unlocked, type Vault } from './vault.ts';
import { WipeButton } from './WipeButton.tsx';

export interface LockScreenProps {
  vault: Vault;
  /** First run (no lock yet), or an existing lock to open. */
  mode: 'setup' | 'unlock';
  /** A profile from before the app lock is here, to be encrypted once a passphrase is chosen. */
  legacy: boolean;
  language: UiLanguage;
  onUnlocked: (unlocked: Unlocked) => void;
  onWipe: () => Promise<void>;
}

export function LockScreen(props: LockScreenProps) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState(props.language);
  const choose = async (next: UiLanguage) => {
    await changeLanguage(next);
    setLanguage(next);
  };
  return (
    <main className="lock-screen" aria-labelledby="lock-title">
      <div className="lock-panel">
        <h1 id="lock-title">
          {props.mode === 'setup'
            ? t(props.legacy ? 'lock.protectTitle' : 'lock.setupTitle')
            : t('lock.unlockTitle')}
        </h1>
        {props.mode === 'setup' ? (
          <SetupForm {...props} language={language} />
        ) : (
          <UnlockForm {...props} />
        )}
        <div className="lock-footer">
          <label>
            {t('lock.language')}{' '}
            <select value={language} onChange={(e) => void choose(e.target.value as UiLanguage)}>
              {UI_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {t(`language.${code}`)}
                </option>
              ))}
            </select>
          </label>
          {props.mode === 'unlock' && <WipeButton onWipe={props.onWipe} />}
        </div>
      </div>
    </main>
  );
}

function SetupForm({ vault, legacy, language, onUnlocked }: LockScreenProps) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ([...passphrase].length < MIN_PASSPHRASE_LENGTH)
      return setError(t('lock.tooShort', { count: MIN_PASSPHRASE_LENGTH }));
    if (passphrase !== repeat) return setError(t('lock.mismatch'));
    setError(null);
    setBusy(true);
    try {
      onUnlocked(await vault.create(passphrase, { language }));
    } catch (failure) {
      setBusy(false);
      setError(t('lock.setupFailed', { reason: String((failure as Error).message ?? failure) }));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="stack">
      <p>{t(legacy ? 'lock.protectIntro' : 'lock.setupIntro')}</p>
      <p className="hint">{t('lock.noRecovery')}</p>
      <TextField
        label={t('lock.newPassphrase')}
        type="password"
        autoComplete="off"
        value={passphrase}
        onChange={setPassphrase}
        hint={t('lock.passphraseHint', { count: MIN_PASSPHRASE_LENGTH })}
        required
      />
      <TextField
        label={t('lock.repeatPassphrase')}
        type="password"
        autoComplete="off"
        value={repeat}
        onChange={setRepeat}
        required
      />
      {error && <p role="alert">{error}</p>}
      <button type="submit" disabled={busy}>
        {busy ? t('lock.encrypting') : t(legacy ? 'lock.protect' : 'lock.setup')}
      </button>
    </form>
  );
}

function UnlockForm({ vault, onUnlocked, onWipe }: LockScreenProps) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await vault.unlock(passphrase);
      if (result.kind === 'unlocked') return onUnlocked(result.unlocked);
      if (result.kind === 'duress') return await onWipe();
      setError(t('lock.wrongPassphrase'));
    } catch (failure) {
      setError(t('lock.unlockFailed', { reason: String((failure as Error).message ?? failure) }));
    }
    setBusy(false);
    setPassphrase('');
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="stack">
      <p>{t('lock.unlockIntro')}</p>
      <TextField
        label={t('lock.passphrase')}
        type="password"
        autoComplete="off"
        value={passphrase}
        onChange={setPassphrase}
        required
      />
      {error && <p role="alert">{error}</p>}
      <button type="submit" disabled={busy}>
        {busy ? t('lock.unlocking') : t('lock.unlock')}
      </button>
    </form>
  );
}
