/**
 * Settings › Security: change the passphrase (the data key is re-wrapped, nothing re-encrypted),
 * set or clear a duress passphrase, choose when the app locks itself, unlock with the system
 * keychain (desktop app), lock now, and wipe everything.
 */
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/fields.tsx';
import { PassphraseField } from '../../lock/PassphraseField.tsx';
import { useAttempt } from '../../lock/useAttempt.ts';
import { useLock } from '../../lock/lockSession.ts';
import { AUTO_LOCK_CHOICES } from '../../lock/vaultRecord.ts';
import { WipeButton } from '../../lock/WipeButton.tsx';
import { useUi } from '../../state/uiStore.ts';
import { KeychainSetting } from './KeychainSetting.tsx';

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
      <KeychainSetting />
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
  const { busy, error, setError, run } = useAttempt();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next !== repeat) return setError(t('lock.mismatch'));
    await run(async () => {
      await session.vault.changePassphrase(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      useUi.getState().announce(t('security.passphraseChanged'));
    });
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="change-passphrase">
      <h3 id="change-passphrase">{t('security.changeTitle')}</h3>
      <PassphraseField
        label={t('security.currentPassphrase')}
        value={current}
        onChange={setCurrent}
      />
      <PassphraseField label={t('lock.newPassphrase')} value={next} onChange={setNext} />
      <PassphraseField label={t('lock.repeatPassphrase')} value={repeat} onChange={setRepeat} />
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
  const { busy, error, run } = useAttempt();
  const save = (value: string | null) =>
    run(async () => {
      await session.vault.setDuressPassphrase(current, value);
      setCurrent('');
      setDuress('');
      useUi
        .getState()
        .announce(value === null ? t('security.duressCleared') : t('security.duressSet'));
    });
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
      <PassphraseField
        label={t('security.currentPassphrase')}
        value={current}
        onChange={setCurrent}
      />
      <PassphraseField label={t('security.duressPassphrase')} value={duress} onChange={setDuress} />
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
