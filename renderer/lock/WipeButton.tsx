/**
 * "Wipe everything": asks once, with the wipe button focused so a person in a hurry needs only
 * Enter, then destroys the key and the data (wipe.ts) and returns the app to first run.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function WipeDialog({
  onWipe,
  onClose,
}: {
  onWipe: () => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const [wiping, setWiping] = useState(false);
  useEffect(() => {
    if (!ref.current?.open) ref.current?.showModal();
    confirm.current?.focus();
  }, []);
  const wipe = async () => {
    setWiping(true);
    await onWipe();
  };
  return (
    <dialog ref={ref} aria-labelledby="wipe-title" onClose={onClose}>
      <h2 id="wipe-title">{t('wipe.title')}</h2>
      <p>{t('wipe.explain')}</p>
      {wiping ? (
        <p role="status">{t('wipe.wiping')}</p>
      ) : (
        <div className="dialog-actions">
          <button type="button" className="danger" ref={confirm} onClick={() => void wipe()}>
            {t('wipe.confirm')}
          </button>
          <button type="button" onClick={() => ref.current?.close()}>
            {t('wipe.cancel')}
          </button>
        </div>
      )}
    </dialog>
  );
}

export function WipeButton({ onWipe }: { onWipe: () => Promise<void> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {t('wipe.open')}
      </button>
      {open && <WipeDialog onWipe={onWipe} onClose={() => setOpen(false)} />}
    </>
  );
}
