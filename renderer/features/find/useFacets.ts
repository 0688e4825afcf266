/** The values in use for the filters' pickers, with counts, from the find engine (null while it loads). */
import { useEffect, useState } from 'react';
import { useFind } from '../../state/findStore.ts';
import { latest } from '../../find/useResultSet.ts';
import type { FindFacets as Facets } from '../../find/findTypes.ts';

export function useFacets(): Facets | null {
  const { client, phase, version } = useFind();
  const [facets, setFacets] = useState<{ version: number; value: Facets } | null>(null);
  useEffect(() => {
    if (phase !== 'ready' || client === null) return;
    let current = true;
    latest(client.facets())
      .then((value) => {
        if (current) setFacets({ version, value });
      })
      .catch((error: unknown) => console.error(error));
    return () => {
      current = false;
    };
  }, [client, phase, version]);
  return facets?.value ?? null;
}
