/**
 * Desktop app only: keep this profile's key in the computer's own keychain, so the lock screen
 * can open without the passphrase. Shown only where the host has a real keychain.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatform } from '../../app/appContext.ts';
import { useLock } from '../../lock/lockSession.ts';

export function KeychainSetting() {
  const { t } = useTranslation();
  const keychain = usePlatform().keychain;
  const session = useLock();
  const [state, setState] = useState<'unknown' | 'unavailable' | 'on' | 'off'>('unknown');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!keychain) return;
    let live = true;
    void (async () => {
      const available = await keychain.available();
      const saved = available ? await keychain.load() : null;
      if (live) setState(!available ? 'unavailable' : saved ? 'on' : 'off');
    })().catch(() => live && setState('unavailable'));
    return () => {
      live = false;
    };
  }, [keychain]);
  if (!keychain || state === 'unknown') return null;
  if (state === 'unavailable') return <p className="hint">{t('security.keychainUnavailable')}</p>;
  const toggle = async (on: boolean) => {
    setError(null);
    try {
      if (on) await keychain.save(session.keychainEntry());
      else await keychain.forget();
      setState(on ? 'on' : 'off');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={state === 'on'}
          onChange={(e) => void toggle(e.target.checked)}
        />
        {t('security.keychain')}
      </label>
      <p className="hint">{t('security.keychainHint')}</p>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
