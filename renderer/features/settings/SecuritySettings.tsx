/**
 * Settings › Security: change the passphrase (the data key is re-wrapped, nothing re-encrypted),
 * set or clear a duress passphrase, choose when the app locks itself, unlock with the system
 * keychain (desktop app), lock now, and wipe everything.
 */
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/fields.tsx';
import { useLock } from '../../lock/lockSession.ts';
import { AUTO_LOCK_CHOICES } from '../../lock/vaultRecord.ts';
import { WipeButton } from '../../lock/WipeButton.tsx';
import { useUi } from '../../state/uiStore.ts';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function SecuritySettings() {
  const { t } = useTranslation();
  const session = useLock();
  const minutes = useSyncExternalStore(session.subscribe, () => session.autoLockMinutes);
  return (
    <section aria-labelledby="settings-security">
      <h2 id="settings-security">{t('security.title')}</h2>
      <p>{t('security.intro')}</p>
      <SelectField
        label={t('security.autoLock')}
        value={String(minutes)}
        options={AUTO_LOCK_CHOICES.map((m) => ({
          value: String(m),
          label:
            m === 0 ? t('security.autoLockNever') : t('security.autoLockMinutes', { count: m }),
        }))}
        onChange={(v) => void session.setAutoLockMinutes(Number(v))}
      />
      <ChangePassphrase />
      <DuressPassphrase />
      <div className="row">
        <button type="button" onClick={session.lock}>
          {t('lock.lockNow')}
        </button>
        <WipeButton
          onWipe={async () => {
            await session.wipe();
          }}
        />
      </div>
    </section>
  );
}

function ChangePassphrase() {
  const { t } = useTranslation();
  const session = useLock();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next !== repeat) return setError(t('lock.mismatch'));
    setBusy(true);
    setError(null);
    try {
      await session.vault.changePassphrase(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      useUi.getState().announce(t('security.passphraseChanged'));
    } catch (failure) {
      setError(messageOf(failure));
    }
    setBusy(false);
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="change-passphrase">
      <h3 id="change-passphrase">{t('security.changeTitle')}</h3>
      <TextField
        label={t('security.currentPassphrase')}
        type="password"
        autoComplete="off"
        value={current}
        onChange={setCurrent}
      />
      <TextField
        label={t('lock.newPassphrase')}
        type="password"
        autoComplete="off"
        value={next}
        onChange={setNext}
      />
      <TextField
        label={t('lock.repeatPassphrase')}
        type="password"
        autoComplete="off"
        value={repeat}
        onChange={setRepeat}
      />
      {error && <p role="alert">{error}</p>}
      <button type="submit" disabled={busy}>
        {busy ? t('security.changing') : t('security.change')}
      </button>
    </form>
  );
}

function DuressPassphrase() {
  const { t } = useTranslation();
  const session = useLock();
  const [current, setCurrent] = useState('');
  const [duress, setDuress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (value: string | null) => {
    setBusy(true);
    setError(null);
    try {
      await session.vault.setDuressPassphrase(current, value);
      setCurrent('');
      setDuress('');
      useUi
        .getState()
        .announce(value === null ? t('security.duressCleared') : t('security.duressSet'));
    } catch (failure) {
      setError(messageOf(failure));
    }
    setBusy(false);
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save(duress);
      }}
      noValidate
      aria-labelledby="duress-passphrase"
    >
      <h3 id="duress-passphrase">{t('security.duressTitle')}</h3>
      <p className="hint">{t('security.duressIntro')}</p>
      <TextField
        label={t('security.currentPassphrase')}
        type="password"
        autoComplete="off"
        value={current}
        onChange={setCurrent}
      />
      <TextField
        label={t('security.duressPassphrase')}
        type="password"
        autoComplete="off"
        value={duress}
        onChange={setDuress}
      />
      {error && <p role="alert">{error}</p>}
      <div className="row">
        <button type="submit" disabled={busy}>
          {t('security.duressSave')}
        </button>
        <button type="button" disabled={busy} onClick={() => void save(null)}>
          {t('security.duressClear')}
        </button>
      </div>
    </form>
  );
}
