/**
 * The review threads about a record: what each is about (the record, a field, or a quoted
 * passage), its kind and state, and every annotation in it with its author, device and time —
 * and when its text was edited or the thread resolved, since a reader must see that too.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel } from '../conflicts/fieldLabel.ts';
import { ChangeStamp } from '../review/ChangeStamp.tsx';
import type { DossierAnnotation, DossierThread } from './dossierModel.ts';

export function ReviewThreads({ threads, level }: { threads: DossierThread[]; level: 2 | 4 }) {
  const { t } = useTranslation();
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h4';
  return (
    <section className="dossier-threads" aria-labelledby={id}>
      <Heading id={id}>{t('dossier.annotations', { count: threads.length })}</Heading>
      {threads.length === 0 ? <p className="hint">{t('dossier.noAnnotations')}</p> : null}
      {threads.map((thread) => (
        <ThreadEntry key={thread.root.annotation.id} thread={thread} />
      ))}
    </section>
  );
}

function ThreadEntry({ thread }: { thread: DossierThread }) {
  const { t } = useTranslation();
  const { annotation } = thread.root;
  const field = fieldLabel(t, annotation.field);
  const about =
    annotation.anchor !== null
      ? t('review.about.passage', { field })
      : annotation.field !== ''
        ? t('review.about.field', { field })
        : t('review.about.record');
  return (
    <article className="dossier-thread">
      <p className="dossier-thread-head">
        <strong>{t(`review.type.${annotation.type}`)}</strong> · {about} ·{' '}
        {t(`review.state.${annotation.state}`)}
        {thread.stateChanged ? (
          <>
            {' '}
            (<ChangeStamp change={thread.stateChanged} />)
          </>
        ) : null}
      </p>
      {annotation.anchor !== null ? (
        <blockquote dir="auto">{annotation.anchor.exact}</blockquote>
      ) : null}
      <AnnotationBody entry={thread.root} />
      {thread.replies.length > 0 ? (
        <ol
          className="dossier-replies"
          aria-label={t('review.replies', { count: thread.replies.length })}
        >
          {thread.replies.map((reply) => (
            <li key={reply.annotation.id}>
              <AnnotationBody entry={reply} />
            </li>
          ))}
        </ol>
      ) : null}
    </article>
  );
}

function AnnotationBody({ entry }: { entry: DossierAnnotation }) {
  const { t } = useTranslation();
  const { annotation, made, edited } = entry;
  return (
    <>
      <p className="record-text" dir="auto">
        {annotation.body}
      </p>
      {annotation.suggestion !== null ? (
        <p>
          {t('review.suggestion')} <bdi className="record-text">{annotation.suggestion}</bdi>
        </p>
      ) : null}
      <p className="hint">
        <ChangeStamp change={made} />
        {edited ? (
          <>
            {' · '}
            {t('dossier.edited')} <ChangeStamp change={edited} />
          </>
        ) : null}
      </p>
    </>
  );
}
