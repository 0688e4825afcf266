/** Every unresolved conflict between devices, kept live: resolving one makes it disappear. */
import { useTranslation } from 'react-i18next';
import { useLive } from '../../app/appContext.ts';
import { ConflictCard } from './ConflictCard.tsx';

export function ConflictsView() {
  const { t } = useTranslation();
  const conflicts = useLive((d) => d.exchange.conflicts(), []);
  return (
    <section className="conflicts" aria-labelledby="conflicts-title">
      <h1 id="conflicts-title">{t('nav.conflicts')}</h1>
      {conflicts === undefined ? (
        <p role="status">{t('common.loading')}</p>
      ) : conflicts.length === 0 ? (
        <p role="status">{t('conflicts.none')}</p>
      ) : (
        <>
          <p>{t('conflicts.intro', { count: conflicts.length })}</p>
          {conflicts.map((conflict) => (
            <ConflictCard key={conflict.id} conflict={conflict} />
          ))}
        </>
      )}
    </section>
  );
}
