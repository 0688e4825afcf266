/**
 * The review margin of an incident or source: a form to start a thread, the record's texts with
 * their annotated passages highlighted (select a passage to annotate it), and every thread —
 * open ones first, passages no longer in the text apart, so nothing a reviewer wrote is lost.
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUOTABLE_FIELDS, type AnnotatableKind } from '../../../shared/domain/annotation.ts';
import { placePassages, type PassagePlace } from '../../../shared/review/passages.ts';
import type { Thread } from '../../data/reviewData.ts';
import { fieldLabel } from '../conflicts/fieldLabel.ts';
import { NewAnnotationForm, type ChosenPassage } from './NewAnnotationForm.tsx';
import { PassageText } from './PassageText.tsx';
import { ThreadCard } from './ThreadCard.tsx';
import { useAuthorNames, useThreads } from './useReview.ts';

interface Props {
  kind: AnnotatableKind;
  id: string;
  /** The fields a thread can be about. */
  fields: readonly string[];
  /** The record's current values of its quotable text fields. */
  texts: Readonly<Record<string, string>>;
}

export function AnnotationsPanel({ kind, id, fields, texts }: Props) {
  const { t } = useTranslation();
  const threads = useThreads(kind, id);
  const names = useAuthorNames();
  const [passage, setPassage] = useState<ChosenPassage | null>(null);
  const [selected, setSelected] = useState<Record<string, { start: number; end: number } | null>>(
    {},
  );

  /** Per quotable field, where each of its threads' passages is now. */
  const places = useMemo(() => {
    const byField = new Map<string, Map<string, PassagePlace>>();
    for (const field of QUOTABLE_FIELDS[kind]) {
      const anchored = (threads ?? []).flatMap(({ root }) =>
        root.anchor && root.field === field ? [{ id: root.id, anchor: root.anchor }] : [],
      );
      byField.set(field, placePassages(texts[field] ?? '', anchored));
    }
    return byField;
  }, [kind, threads, texts]);
  const placeOf = (thread: Thread) => places.get(thread.root.field)?.get(thread.root.id);

  const selectIn = useCallback(
    (field: string) => (range: { start: number; end: number } | null) =>
      setSelected((s) => (s[field] === range ? s : { ...s, [field]: range })),
    [],
  );
  const selectors = useMemo(
    () => Object.fromEntries(QUOTABLE_FIELDS[kind].map((f) => [f, selectIn(f)])),
    [kind, selectIn],
  );

  if (!threads) return null;
  const orphaned = threads.filter((th) => th.root.anchor && placeOf(th)?.range === null);
  const placed = threads.filter((th) => !orphaned.includes(th));
  const open = placed.filter((th) => th.root.state === 'open');
  const resolved = placed.filter((th) => th.root.state !== 'open');
  const card = (thread: Thread) => (
    <li key={thread.root.id}>
      <ThreadCard thread={thread} names={names} place={placeOf(thread)} />
    </li>
  );

  return (
    <aside className="annotations" aria-labelledby={`annotations-${id}`}>
      <h2 id={`annotations-${id}`}>{t('review.title', { count: open.length })}</h2>
      <NewAnnotationForm
        kind={kind}
        id={id}
        fields={fields}
        passage={passage}
        onClearPassage={() => setPassage(null)}
      />
      {QUOTABLE_FIELDS[kind]
        .filter((field) => (texts[field] ?? '') !== '')
        .map((field) => {
          const range = selected[field] ?? null;
          return (
            <section key={field} className="annotated-text">
              <h3>{t('review.textOf', { field: fieldLabel(t, field) })}</h3>
              <PassageText
                text={texts[field]!}
                label={t('review.reader', { field: fieldLabel(t, field) })}
                places={places.get(field)!}
                onSelect={selectors[field]!}
              />
              <button
                type="button"
                disabled={range === null}
                onMouseDown={(e) => e.preventDefault() /* keep the selection */}
                onClick={() => range && setPassage({ field, text: texts[field]!, ...range })}
              >
                {t('review.annotatePassage', { field: fieldLabel(t, field) })}
              </button>
            </section>
          );
        })}
      {open.length > 0 ? (
        <section aria-label={t('review.openThreads')}>
          <ol className="threads">{open.map(card)}</ol>
        </section>
      ) : (
        <p className="hint">{t('review.noneOpen')}</p>
      )}
      {orphaned.length > 0 ? (
        <section aria-labelledby={`orphaned-${id}`}>
          <h3 id={`orphaned-${id}`}>{t('review.orphanedTitle', { count: orphaned.length })}</h3>
          <ol className="threads">{orphaned.map(card)}</ol>
        </section>
      ) : null}
      {resolved.length > 0 ? (
        <details>
          <summary>{t('review.resolvedTitle', { count: resolved.length })}</summary>
          <ol className="threads">{resolved.map(card)}</ol>
        </details>
      ) : null}
    </aside>
  );
}
