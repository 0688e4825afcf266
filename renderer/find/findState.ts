/**
 * Starts the find engine for an opened profile: its worker's client fed by FindSync, its state
 * (loading, ready, version) kept in the UI's find store (renderer/state/findStore.ts).
 */
import { useFind } from '../state/findStore.ts';
import type { DaftarData } from '../data/daftarData.ts';
import { FindSync } from './findSync.ts';
import type { FindClient } from './findClient.ts';
import { watchScrolling } from './scrollQuiet.ts';

/** Start the engine for `data`; returns a function that stops it and ends its worker. */
export function startFind(data: DaftarData, client: FindClient): () => void {
  let sync: FindSync | null = null;
  let stopped = false;
  useFind.setState({ client, phase: 'loading', loaded: 0, total: 0 });
  const target = {
    load: (request: Parameters<FindClient['load']>[0]) => client.load(request),
    apply: async (changes: Parameters<FindClient['apply']>[0]) => {
      await client.apply(changes);
      if (useFind.getState().phase === 'ready') {
        useFind.setState((s) => ({ version: s.version + 1 }));
      }
    },
  };
  // The load pauses while the list (or anything) is being scrolled (scrollQuiet.ts).
  const scrolling = watchScrolling();
  FindSync.start(
    data,
    target,
    ({ loaded, total }) => useFind.setState({ loaded, total }),
    () => scrolling.whenQuiet(),
  )
    .finally(() => scrolling.dispose())
    .then((started) => {
      sync = started;
      if (stopped) started.stop();
      else useFind.setState((s) => ({ phase: 'ready', version: s.version + 1 }));
    })
    .catch((error: unknown) => {
      console.error('The search index could not be built', error);
      useFind.setState({ phase: 'failed' });
    });
  return () => {
    stopped = true;
    sync?.stop();
    client.dispose();
    useFind.setState({ client: null, phase: 'idle', loaded: 0, total: 0 });
  };
}
