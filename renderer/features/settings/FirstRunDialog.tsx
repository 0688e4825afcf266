/** First run: the app asks who is using it before anything is recorded. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../shared/domain/profile.ts';
import { ProfileForm } from './ProfileForm.tsx';

export function FirstRunDialog({
  deviceId,
  onDone,
}: {
  deviceId: string;
  onDone: (profile: Profile) => Promise<void>;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (!ref.current?.open) ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="first-run-title" onCancel={(e) => e.preventDefault()}>
      <h1 id="first-run-title">{t('firstRun.title')}</h1>
      <p>{t('firstRun.intro')}</p>
      <ProfileForm initial={null} submitLabel={t('firstRun.start')} onSubmit={onDone} />
      <p className="hint">{t('firstRun.device', { device: deviceId })}</p>
    </dialog>
  );
}
