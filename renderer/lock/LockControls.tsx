/**
 * The unlocked app's lock controls: the "Lock" button, the shortcuts (Ctrl/Cmd+Shift+L locks,
 * Ctrl/Cmd+Shift+Alt+W asks to wipe), the same commands from Electron's menu (which also sends
 * "lock" when the computer's screen locks or it goes to sleep), and the idle auto-lock.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatform } from '../app/appContext.ts';
import { useLock } from './lockSession.ts';
import { useIdleLock } from './useIdleLock.ts';
import { WipeDialog } from './WipeButton.tsx';

export function LockControls() {
  const { t } = useTranslation();
  const session = useLock();
  const platform = usePlatform();
  const [wiping, setWiping] = useState(false);
  const minutes = useSyncExternalStore(session.subscribe, () => session.autoLockMinutes);
  useIdleLock(minutes, session.lock);

  useEffect(
    () =>
      platform.onMenuCommand((command) => {
        if (command === 'lock') session.lock();
        if (command === 'wipe') setWiping(true);
      }),
    [platform, session],
  );

  const onKey = useCallback(
    (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey) return;
      const key = event.code;
      if (key === 'KeyL' && !event.altKey) {
        event.preventDefault();
        session.lock();
      } else if (key === 'KeyW' && event.altKey) {
        event.preventDefault();
        setWiping(true);
      }
    },
    [session],
  );
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onKey]);

  return (
    <>
      <button type="button" onClick={session.lock} title={t('lock.lockShortcut')}>
        {t('lock.lockNow')}
      </button>
      {wiping && (
        <WipeDialog
          onWipe={async () => {
            await session.wipe();
          }}
          onClose={() => setWiping(false)}
        />
      )}
    </>
  );
}
