/**
 * Possible duplicates: search every incident for pairs two researchers may have recorded
 * separately, list them best first with their likeness and reasons, and open one side by side to
 * merge it (into either record) or dismiss it as not duplicates.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pairKey, type DuplicatePair } from '../../../shared/duplicates/findDuplicateCandidates.ts';
import { ProgressLine } from '../../components/ProgressLine.tsx';
import { routeHash } from '../../state/route.ts';
import { useUi } from '../../state/uiStore.ts';
import { recordRoute } from '../conflicts/recordRoute.ts';
import { PairReview } from './PairReview.tsx';
import { ReasonList } from './ReasonList.tsx';
import { useDuplicateSearch, type IncidentSummary } from './useDuplicateSearch.ts';
import './duplicates.css';

/** Pairs listed at first, and added by each "Show more". */
const PAGE = 50;

export function DuplicatesView() {
  const { t } = useTranslation();
  const search = useDuplicateSearch();
  const { state } = search;
  const [open, setOpen] = useState<DuplicatePair | null>(null);
  const [shown, setShown] = useState(PAGE);
  const running = state.phase === 'running';

  const start = () => {
    setOpen(null);
    setShown(PAGE);
    void search.run();
  };

  return (
    <section className="duplicates" aria-labelledby="duplicates-title">
      <h1 id="duplicates-title">{t('duplicates.title')}</h1>
      <p className="hint">{t('duplicates.intro')}</p>
      <p>
        <button type="button" className="primary" onClick={start} disabled={running}>
          {t('duplicates.find')}
        </button>
      </p>
      {running ? (
        <ProgressLine
          label={t('duplicates.searching')}
          done={state.done}
          total={state.total}
          onCancel={search.cancel}
        />
      ) : null}
      <div role="status" className="duplicates-status">
        {state.phase === 'cancelled' ? t('duplicates.cancelled') : null}
        {state.phase === 'done'
          ? state.pairs.length === 0
            ? t('duplicates.none', { incidents: state.incidents })
            : t('duplicates.found', { count: state.pairs.length, incidents: state.incidents })
          : null}
      </div>
      {state.phase === 'failed' ? (
        <p role="alert" className="field-error">
          {t('duplicates.failed', { reason: state.message })}
        </p>
      ) : null}

      {open && state.phase === 'done' ? (
        <PairReview
          key={pairKey(open.a, open.b)}
          pair={open}
          onClose={() => setOpen(null)}
          onDismissed={() => {
            void search
              .dismiss(open)
              .then(() => useUi.getState().announce(t('duplicates.dismissed')));
            setOpen(null);
          }}
          onMerged={(removedId) => {
            search.merged(removedId);
            setOpen(null);
          }}
        />
      ) : null}

      {state.phase === 'done' && state.pairs.length > 0 ? (
        <>
          <ol className="duplicate-pairs" aria-label={t('duplicates.listLabel')}>
            {state.pairs.slice(0, shown).map((pair) => (
              <PairItem
                key={pairKey(pair.a, pair.b)}
                pair={pair}
                a={state.summaries.get(pair.a)}
                b={state.summaries.get(pair.b)}
                current={open !== null && pairKey(open.a, open.b) === pairKey(pair.a, pair.b)}
                onOpen={() => setOpen(pair)}
              />
            ))}
          </ol>
          {state.pairs.length > shown ? (
            <button type="button" onClick={() => setShown((n) => n + PAGE)}>
              {t('duplicates.showMore', { count: Math.min(PAGE, state.pairs.length - shown) })}
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function PairItem({
  pair,
  a,
  b,
  current,
  onOpen,
}: {
  pair: DuplicatePair;
  a: IncidentSummary | undefined;
  b: IncidentSummary | undefined;
  current: boolean;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const title = (s: IncidentSummary | undefined) => s?.title || t('incident.untitled');
  const likeness = Math.round(pair.score * 100);
  return (
    <li className={current ? 'duplicate-pair current' : 'duplicate-pair'}>
      <div className="duplicate-pair-head">
        <span
          className="likeness"
          aria-label={t('duplicates.likenessLabel', { percent: likeness })}
        >
          {t('duplicates.likeness', { percent: likeness })}
        </span>
        <span className="pair-titles">
          <IncidentLink id={pair.a} summary={a} label="A" title={title(a)} />
          <IncidentLink id={pair.b} summary={b} label="B" title={title(b)} />
        </span>
        <button
          type="button"
          aria-label={t('duplicates.compareLabel', { a: title(a), b: title(b) })}
          aria-pressed={current}
          onClick={onOpen}
        >
          {t('duplicates.compare')}
        </button>
      </div>
      <ReasonList reasons={pair.reasons} />
    </li>
  );
}

function IncidentLink({
  id,
  summary,
  label,
  title,
}: {
  id: string;
  summary: IncidentSummary | undefined;
  label: 'A' | 'B';
  title: string;
}) {
  return (
    <span className="pair-incident">
      <span className="side-label" aria-hidden="true">
        {label}
      </span>{' '}
      <a href={routeHash(recordRoute('incident', id))} dir="auto">
        {title}
      </a>{' '}
      {summary ? (
        <span className="hint">
          {summary.dateStart}
          {summary.province ? ` · ${summary.province}` : ''}
        </span>
      ) : null}
    </span>
  );
}
