/**
 * The review queue: what waits for review, the open threads on records this device made, and the
 * unresolved conflicts — each with its count, the same counts the navigation shows.
 */
import { useTranslation } from 'react-i18next';
import { useLive } from '../../app/appContext.ts';
import { routeHash } from '../../state/route.ts';
import { recordRoute } from '../conflicts/recordRoute.ts';
import { fieldLabel } from '../conflicts/fieldLabel.ts';
import { ChangeStamp } from './ChangeStamp.tsx';
import { ThreadCard } from './ThreadCard.tsx';
import { useAuthorNames } from './useReview.ts';
import { decodeHlc } from '../../../shared/sync/hlc.ts';

export function ReviewView() {
  const { t } = useTranslation();
  const counts = useLive((d) => d.review.counts(), []);
  const waiting = useLive((d) => d.review.toReview(), []);
  const threads = useLive(async (d) => {
    const open = await d.review.openThreadsOnMine();
    const titles = await Promise.all(
      open.map(async ({ root }) => (await d.get(root.targetKind, root.targetId))?.title ?? ''),
    );
    return open.map((thread, i) => ({ thread, title: titles[i]! }));
  }, []);
  const conflicts = useLive((d) => d.review.conflicts(), []);
  const names = useAuthorNames();

  return (
    <section className="review-view" aria-labelledby="review-title">
      <h1 id="review-title">{t('review.queue.title')}</h1>
      <section aria-labelledby="queue-waiting">
        <h2 id="queue-waiting">{t('review.queue.waiting', { count: counts?.toReview ?? 0 })}</h2>
        {waiting && waiting.length > 0 ? (
          <ul className="queue">
            {waiting.map((entry) => (
              <li key={`${entry.kind}:${entry.id}`}>
                <a href={routeHash(recordRoute(entry.kind, entry.id))} dir="auto">
                  {entry.title}
                </a>{' '}
                <span className="hint">
                  {t(`recordKind.${entry.kind}`)} ·{' '}
                  <ChangeStamp
                    change={{
                      hlc: entry.updated,
                      device: decodeHlc(entry.updated).device,
                      author: names.get(decodeHlc(entry.updated).device) ?? '',
                    }}
                  />
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">{t('review.queue.noneWaiting')}</p>
        )}
      </section>
      <section aria-labelledby="queue-open">
        <h2 id="queue-open">{t('review.queue.openOnMine', { count: counts?.openOnMine ?? 0 })}</h2>
        {threads && threads.length > 0 ? (
          <ol className="threads">
            {threads.map(({ thread, title }) => (
              <li key={thread.root.id}>
                <ThreadCard
                  thread={thread}
                  names={names}
                  recordLink={{
                    href: routeHash(recordRoute(thread.root.targetKind, thread.root.targetId)),
                    title: title || t('review.queue.recordMissing'),
                  }}
                />
              </li>
            ))}
          </ol>
        ) : (
          <p className="hint">{t('review.queue.noneOpen')}</p>
        )}
      </section>
      <section aria-labelledby="queue-conflicts">
        <h2 id="queue-conflicts">
          {t('review.queue.conflicts', { count: counts?.conflicts ?? 0 })}
        </h2>
        {conflicts && conflicts.length > 0 ? (
          <ul className="queue">
            {conflicts.map((c) => (
              <li key={c.id}>
                <a href={routeHash(recordRoute(c.kind, c.recordId))}>
                  {t(`recordKind.${c.kind}`)}: {fieldLabel(t, c.field)}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">{t('review.queue.noneConflicts')}</p>
        )}
        <p>
          <a href={routeHash({ view: 'conflicts' })}>{t('review.queue.toConflicts')}</a>
        </p>
      </section>
    </section>
  );
}
