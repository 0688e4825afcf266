/**
 * What the app shows before any data is open: on first run, choosing the passphrase that will
 * encrypt everything; afterwards, the lock screen. A passphrase typed here that is the duress
 * passphrase wipes the profile and returns to first run, looking like any other start.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  UI_LANGUAGES,
  type KeychainEntry,
  type KeychainUnlock,
  type UiLanguage,
} from '../../shared/ipc/contract.ts';

import { changeLanguage } from '../i18n/i18n.ts';
import { MIN_PASSPHRASE_LENGTH, type Unlocked, type Vault } from './vault.ts';
import type { VaultRecord } from './vaultRecord.ts';
import { PassphraseField } from './PassphraseField.tsx';
import { WipeButton } from './WipeButton.tsx';

export interface LockScreenProps {
  vault: Vault;
  /** The lock to open; null on first run. */
  record: VaultRecord | null;
  /** Why the lock cannot be opened at all (a damaged lock record); only the wipe is offered. */
  problem?: string | null;
  /** The OS keychain, where the host has one (desktop app). */
  keychain: KeychainUnlock | null;
  /** A profile from before the app lock is here, to be encrypted once a passphrase is chosen. */
  legacy: boolean;
  language: UiLanguage;
  onUnlocked: (unlocked: Unlocked) => void;
  onWipe: () => Promise<void>;
}

export function LockScreen(props: LockScreenProps) {
  const { t } = useTranslation();
  const mode = props.record || props.problem ? 'unlock' : 'setup';
  const [language, setLanguage] = useState(props.language);
  const choose = async (next: UiLanguage) => {
    await changeLanguage(next);
    setLanguage(next);
  };
  return (
    <main className="lock-screen" aria-labelledby="lock-title">
      <div className="lock-panel">
        <h1 id="lock-title">
          {mode === 'setup'
            ? t(props.legacy ? 'lock.protectTitle' : 'lock.setupTitle')
            : t('lock.unlockTitle')}
        </h1>
        {props.problem ? (
          <p role="alert">{t('lock.unlockFailed', { reason: props.problem })}</p>
        ) : mode === 'setup' ? (
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
          {mode === 'unlock' && <WipeButton onWipe={props.onWipe} />}
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
      <PassphraseField
        label={t('lock.newPassphrase')}
        value={passphrase}
        onChange={setPassphrase}
        hint={t('lock.passphraseHint', { count: MIN_PASSPHRASE_LENGTH })}
      />
      <PassphraseField label={t('lock.repeatPassphrase')} value={repeat} onChange={setRepeat} />
      {error && <p role="alert">{error}</p>}
      <button type="submit" disabled={busy}>
        {busy ? t('lock.encrypting') : t(legacy ? 'lock.protect' : 'lock.setup')}
      </button>
    </form>
  );
}

function UnlockForm({ vault, record, keychain, onUnlocked, onWipe }: LockScreenProps) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const saved = useKeychainEntry(keychain, record);
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
      <PassphraseField label={t('lock.passphrase')} value={passphrase} onChange={setPassphrase} />
      {error && <p role="alert">{error}</p>}
      <button type="submit" disabled={busy}>
        {busy ? t('lock.unlocking') : t('lock.unlock')}
      </button>
      {saved && record && (
        <button
          type="button"
          disabled={busy}
          onClick={() => onUnlocked({ database: saved.database, rowKey: saved.rowKey, record })}
        >
          {t('lock.unlockWithKeychain')}
        </button>
      )}
    </form>
  );
}

/** The key the OS keychain keeps for this profile, if the person turned that on. */
function useKeychainEntry(keychain: KeychainUnlock | null, record: VaultRecord | null) {
  const [entry, setEntry] = useState<KeychainEntry | null>(null);
  useEffect(() => {
    if (!keychain || !record) return;
    let live = true;
    keychain
      .load()
      .then((found) => {
        if (live && found?.database === record.database) setEntry(found);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [keychain, record]);
  return entry;
}
