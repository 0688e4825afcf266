/**
 * One annotation thread: what it is about (the record, a field, or a quoted passage — marked
 * orphaned when the passage is gone from the text), its first annotation and the replies, each
 * with author, device and time; a reply box and Resolve / Reopen.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation, Thread } from '../../data/reviewData.ts';
import { useData } from '../../app/appContext.ts';
import { useUi } from '../../state/uiStore.ts';
import { fieldLabel } from '../conflicts/fieldLabel.ts';
import { ChangeStamp } from './ChangeStamp.tsx';
import { passageElementId, threadElementId } from './useReview.ts';
import type { PassagePlace } from '../../../shared/review/passages.ts';
import { decodeHlc } from '../../../shared/sync/hlc.ts';

interface Props {
  /** With `fromMerged`: written about an incident since merged into the one shown. */
  thread: Thread & { fromMerged?: string | null };
  names: ReadonlyMap<string, string>;
  /** Where its passage is now, for a thread about a passage. */
  place?: PassagePlace | undefined;
  /** Show the record it is about (in the review queue). */
  recordLink?: { href: string; title: string } | undefined;
}

export function ThreadCard({ thread, names, place, recordLink }: Props) {
  const { t } = useTranslation();
  const data = useData();
  const announce = useUi((s) => s.announce);
  const { root, replies } = thread;
  const [reply, setReply] = useState('');
  const [error, setError] = useState<string | null>(null);
  const titleId = `${threadElementId(root.id)}-title`;
  const orphaned = root.anchor !== null && place !== undefined && place.range === null;
  const resolved = root.state === 'resolved';

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      setError(null);
      announce(done);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <article
      id={threadElementId(root.id)}
      className={`thread thread-${root.type} thread-${root.state}${orphaned ? ' thread-orphaned' : ''}`}
      aria-labelledby={titleId}
      tabIndex={-1}
    >
      <h3 id={titleId} className="thread-title">
        {t(`review.type.${root.type}`)}
        {' · '}
        {root.field === ''
          ? t('review.about.record')
          : t(root.anchor ? 'review.about.passage' : 'review.about.field', {
              field: fieldLabel(t, root.field),
            })}
        {thread.fromMerged ? (
          <> · {t('duplicates.threadFromMerged', { id: thread.fromMerged })}</>
        ) : null}
        {' · '}
        <span className="thread-state">{t(`review.state.${root.state}`)}</span>
      </h3>
      {recordLink ? (
        <p>
          <a href={recordLink.href} dir="auto">
            {recordLink.title}
          </a>
        </p>
      ) : null}
      {root.anchor ? (
        <figure className="thread-quote">
          <blockquote dir="auto">
            <bdi>{root.anchor.exact}</bdi>
          </blockquote>
          {orphaned ? (
            <figcaption role="note">{t('review.orphaned')}</figcaption>
          ) : place?.range ? (
            <figcaption>
              <button
                type="button"
                onClick={() => {
                  const mark = document.getElementById(passageElementId(root.id));
                  mark?.scrollIntoView({ block: 'center' });
                  mark?.focus();
                }}
              >
                {t('review.showPassage')}
              </button>
              {place.exact ? null : <span className="hint"> {t('review.passageMoved')}</span>}
            </figcaption>
          ) : null}
        </figure>
      ) : null}
      <AnnotationBody annotation={root} names={names} />
      {replies.length > 0 ? (
        <ol className="thread-replies" aria-label={t('review.replies', { count: replies.length })}>
          {replies.map((r) => (
            <li key={r.id}>
              <AnnotationBody annotation={r} names={names} />
            </li>
          ))}
        </ol>
      ) : null}
      <form
        className="thread-reply"
        onSubmit={(e) => {
          e.preventDefault();
          if (reply.trim() === '') return;
          void run(async () => {
            await data.review.reply(root.id, reply);
            setReply('');
          }, t('review.replied'));
        }}
      >
        <label>
          {t('review.replyLabel')}
          <textarea value={reply} onChange={(e) => setReply(e.target.value)} rows={2} dir="auto" />
        </label>
        <div className="row">
          <button type="submit" disabled={reply.trim() === ''}>
            {t('review.reply')}
          </button>
          {root.replyTo === null ? (
            <button
              type="button"
              onClick={() =>
                void run(
                  () => data.review.setThreadState(root.id, resolved ? 'open' : 'resolved'),
                  t(resolved ? 'review.reopened' : 'review.resolvedNow'),
                )
              }
            >
              {t(resolved ? 'review.reopen' : 'review.resolve')}
            </button>
          ) : null}
        </div>
        {error ? <p role="alert">{error}</p> : null}
      </form>
    </article>
  );
}

function AnnotationBody({
  annotation,
  names,
}: {
  annotation: Annotation;
  names: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const { device } = decodeHlc(annotation.created);
  return (
    <div className="annotation">
      <p className="hint">
        <ChangeStamp
          change={{ hlc: annotation.created, device, author: names.get(device) ?? '' }}
        />
      </p>
      <p className="annotation-body" dir="auto">
        {annotation.body}
      </p>
      {annotation.suggestion !== null ? (
        <p>
          {t('review.suggestion')}{' '}
          <ins dir="auto" className="annotation-suggestion">
            {annotation.suggestion}
          </ins>
        </p>
      ) : null}
    </div>
  );
}
