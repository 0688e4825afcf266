/** The data API and host Platform, handed to every component through React context. */
import { createContext, useContext, useEffect, useState } from 'react';
import type { Platform } from '../../shared/ipc/contract.ts';
import type { DaftarData } from '../data/daftarData.ts';

export const DataContext = createContext<DaftarData | null>(null);
export const PlatformContext = createContext<Platform | null>(null);

export function useData(): DaftarData {
  const data = useContext(DataContext);
  if (!data) throw new Error('useData outside DataContext');
  return data;
}

export function usePlatform(): Platform {
  const platform = useContext(PlatformContext);
  if (!platform) throw new Error('usePlatform outside PlatformContext');
  return platform;
}

/**
 * The result of a query, kept current: it re-runs whenever the records it read change, in this
 * window or another one. `undefined` until the first answer for the current `deps`.
 */
export function useLive<T>(
  query: (data: DaftarData) => Promise<T>,
  deps: readonly unknown[],
): T | undefined {
  const data = useData();
  const [answer, setAnswer] = useState<{ deps: readonly unknown[]; value: T } | null>(null);
  useEffect(() => {
    const asked = deps;
    return data.watch(
      () => query(data),
      (value) => setAnswer({ deps: asked, value }),
      (error) => console.error(error),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists the query's inputs
  }, [data, ...deps]);
  const current =
    answer !== null &&
    answer.deps.length === deps.length &&
    answer.deps.every((d, i) => Object.is(d, deps[i]));
  return current ? answer.value : undefined;
}
