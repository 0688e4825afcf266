/** Progress while a profile from before the app lock is encrypted into its new database. */
import { useTranslation } from 'react-i18next';
import type { MoveProgress } from './legacyProfile.ts';

export function MovingProfile({ progress }: { progress: MoveProgress }) {
  const { t } = useTranslation();
  return (
    <main className="lock-screen" aria-labelledby="moving-title">
      <div className="lock-panel">
        <h1 id="moving-title">{t('lock.movingTitle')}</h1>
        <p>{t('lock.movingIntro')}</p>
        <progress
          aria-label={t('lock.movingProgress', { table: progress.table })}
          max={progress.total}
          value={progress.done}
        />
      </div>
    </main>
  );
}
