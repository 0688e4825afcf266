/**
 * "Search everything": the best matches of the query among incidents, sources and review notes,
 * each with the words found marked, leading to the record (a note leads to what it is about).
 * The incidents list shows every matching incident; this view shows the other kinds beside them.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoredRecord } from '../../../shared/domain/records.ts';
import { useData } from '../../app/appContext.ts';
import { useFind } from '../../state/findStore.ts';
import { latest } from '../../find/useResultSet.ts';
import type { SearchHits } from '../../find/findTypes.ts';
import { routeHash } from '../../state/route.ts';
import { useUi } from '../../state/uiStore.ts';
import { Highlighted } from './Highlighted.tsx';
import { SearchBox } from './SearchBox.tsx';

const PER_KIND = 50;
const SNIPPET = 160;

interface Found {
  incidents: { hit: SearchHits['incidents'][number]; record: StoredRecord<'incident'> }[];
  sources: { hit: SearchHits['sources'][number]; record: StoredRecord<'source'> }[];
  annotations: { hit: SearchHits['annotations'][number]; record: StoredRecord<'annotation'> }[];
}

export function SearchView() {
  const { t } = useTranslation();
  const data = useData();
  const text = useUi((s) => s.incidentFilter.text.trim());
  const { client, phase, version } = useFind();
  const [found, setFound] = useState<{ text: string; value: Found } | null>(null);

  useEffect(() => {
    if (phase !== 'ready' || client === null || text === '') return;
    let current = true;
    void (async () => {
      const hits = await latest(client.search(text, PER_KIND));
      const [incidents, sources, annotations] = await Promise.all([
        data.getMany(
          'incident',
          hits.incidents.map((h) => h.id),
        ),
        data.getMany(
          'source',
          hits.sources.map((h) => h.id),
        ),
        data.getMany(
          'annotation',
          hits.annotations.map((h) => h.id),
        ),
      ]);
      const pair = <H, R>(list: H[], records: (R | undefined)[]) =>
        list.flatMap((hit, i) => (records[i] ? [{ hit, record: records[i] }] : []));
      if (current) {
        setFound({
          text,
          value: {
            incidents: pair(hits.incidents, incidents),
            sources: pair(hits.sources, sources),
            annotations: pair(hits.annotations, annotations),
          },
        });
      }
    })().catch((error: unknown) => console.error(error));
    return () => {
      current = false;
    };
  }, [client, phase, version, text, data]);

  const shown = found?.text === text ? found.value : null;
  return (
    <section className="search-view" aria-labelledby="search-title">
      <h1 id="search-title">{t('find.searchEverything')}</h1>
      <SearchBox />
      {text === '' ? (
        <p>{t('find.typeToSearch')}</p>
      ) : phase !== 'ready' || shown === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <p role="status">
            {t('find.foundSummary', {
              incidents: shown.incidents.length,
              sources: shown.sources.length,
              notes: shown.annotations.length,
            })}
          </p>
          <Results title={t('nav.incidents')} empty={t('find.noneFound')}>
            {shown.incidents.map(({ hit, record }) => (
              <ResultItem
                key={hit.id}
                href={routeHash({ view: 'incident', id: record.id })}
                heading={<Highlighted text={record.title} terms={hit.terms} />}
                snippet={record.notes}
                terms={hit.terms}
              />
            ))}
          </Results>
          <Results title={t('nav.sources')} empty={t('find.noneFound')}>
            {shown.sources.map(({ hit, record }) => (
              <ResultItem
                key={hit.id}
                href={routeHash({ view: 'source', id: record.id })}
                heading={<Highlighted text={record.title} terms={hit.terms} />}
                snippet={joined(record.outlet, record.excerpt, record.fullText)}
                terms={hit.terms}
              />
            ))}
          </Results>
          <Results title={t('find.reviewNotes')} empty={t('find.noneFound')}>
            {shown.annotations.map(({ hit, record }) => (
              <ResultItem
                key={hit.id}
                href={routeHash(
                  hit.targetKind === 'incident'
                    ? { view: 'incident', id: hit.targetId }
                    : { view: 'source', id: hit.targetId },
                )}
                heading={t(`find.noteOn.${hit.targetKind}`)}
                snippet={joined(record.body, record.anchor?.exact, record.suggestion)}
                terms={hit.terms}
              />
            ))}
          </Results>
        </>
      )}
    </section>
  );
}

const joined = (...texts: (string | null | undefined)[]) => texts.filter(Boolean).join(' — ');

/** One match: a link to the record, then the words found in context. */
function ResultItem({
  href,
  heading,
  snippet,
  terms,
}: {
  href: string;
  heading: ReactNode;
  snippet: string;
  terms: readonly string[];
}) {
  return (
    <li>
      <a href={href}>{heading}</a>
      <p>
        <Highlighted text={snippet} terms={terms} around={SNIPPET} />
      </p>
    </li>
  );
}

function Results({
  title,
  empty,
  children,
}: {
  title: string;
  empty: string;
  children: ReactNode[];
}) {
  const id = useId();
  return (
    <section className="panel search-results" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children.length === 0 ? <p>{empty}</p> : <ol>{children}</ol>}
    </section>
  );
}
