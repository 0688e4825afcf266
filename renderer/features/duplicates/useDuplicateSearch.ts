/**
 * Running the search for duplicates from the view: read every incident, search with progress and
 * Cancel (the search pauses for the event loop, so the window stays responsive), and keep the
 * pairs found — minus those a person dismissed, which are stored on this device and never shown
 * again. Merging or dismissing a pair takes it off the list without searching again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  DuplicateSearchCancelled,
  findDuplicateCandidates,
  pairKey,
  type DuplicatePair,
} from '../../../shared/duplicates/findDuplicateCandidates.ts';
import { useData } from '../../app/appContext.ts';
import type { DaftarData } from '../../data/daftarData.ts';

/** Device setting: the pairKey of every pair dismissed as "not duplicates". */
export const DISMISSED_SETTING = 'duplicates.dismissed';

export type SearchState =
  | { phase: 'idle' }
  | { phase: 'running'; done: number; total: number }
  | { phase: 'cancelled' }
  | { phase: 'failed'; message: string }
  | {
      phase: 'done';
      pairs: DuplicatePair[];
      /** What the list shows of each incident in a pair. */
      summaries: ReadonlyMap<string, IncidentSummary>;
      incidents: number;
      compared: number;
    };

export interface IncidentSummary {
  title: string;
  dateStart: string;
  province: string;
}

export async function dismissedPairs(data: DaftarData): Promise<string[]> {
  const stored = await data.getSetting<unknown>(DISMISSED_SETTING);
  return Array.isArray(stored) ? stored.filter((k): k is string => typeof k === 'string') : [];
}

export function useDuplicateSearch() {
  const data = useData();
  const [state, setState] = useState<SearchState>({ phase: 'idle' });
  const signal = useRef<{ aborted: boolean } | null>(null);

  // Leaving the view stops a search still running.
  useEffect(
    () => () => {
      if (signal.current) signal.current.aborted = true;
    },
    [],
  );

  const run = useCallback(async () => {
    if (signal.current) signal.current.aborted = true;
    const mine = { aborted: false };
    signal.current = mine;
    setState({ phase: 'running', done: 0, total: 0 });
    try {
      const incidents = await data.all('incident');
      const dismissed = await dismissedPairs(data);
      const found = await findDuplicateCandidates(
        incidents,
        { dismissed },
        {
          signal: mine,
          onProgress: (done, total) => {
            if (!mine.aborted) setState({ phase: 'running', done, total });
          },
        },
      );
      if (mine.aborted) return;
      const inPairs = new Set(found.pairs.flatMap((p) => [p.a, p.b]));
      const summaries = new Map<string, IncidentSummary>();
      for (const { id, title, dateStart, province } of incidents) {
        if (inPairs.has(id)) summaries.set(id, { title, dateStart, province });
      }
      setState({
        phase: 'done',
        pairs: found.pairs,
        summaries,
        incidents: incidents.length,
        compared: found.compared,
      });
    } catch (error) {
      // A search replaced by a newer one says nothing.
      if (signal.current !== mine) return;
      if (error instanceof DuplicateSearchCancelled) setState({ phase: 'cancelled' });
      else
        setState({
          phase: 'failed',
          message: error instanceof Error ? error.message : String(error),
        });
    } finally {
      if (signal.current === mine) signal.current = null;
    }
  }, [data]);

  const cancel = useCallback(() => {
    if (signal.current) signal.current.aborted = true;
  }, []);

  /** Take pairs off the list: those of a merged (deleted) incident, or one dismissed. */
  const drop = useCallback((keep: (pair: DuplicatePair) => boolean) => {
    setState((s) => (s.phase === 'done' ? { ...s, pairs: s.pairs.filter(keep) } : s));
  }, []);

  const dismiss = useCallback(
    async (pair: DuplicatePair) => {
      const key = pairKey(pair.a, pair.b);
      const dismissed = await dismissedPairs(data);
      if (!dismissed.includes(key)) await data.setSetting(DISMISSED_SETTING, [...dismissed, key]);
      drop((p) => pairKey(p.a, p.b) !== key);
    },
    [data, drop],
  );

  const merged = useCallback(
    (removedId: string) => drop((p) => p.a !== removedId && p.b !== removedId),
    [drop],
  );

  return { state, run, cancel, dismiss, merged };
}
