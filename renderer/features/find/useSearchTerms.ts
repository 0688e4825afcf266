/** The index terms the current search matched, to mark them in the rows shown ([] without a search). */
import { useEffect, useState } from 'react';
import { useFind } from '../../state/findStore.ts';
import { latest } from '../../find/useResultSet.ts';
import { useUi } from '../../state/uiStore.ts';

const NONE: readonly string[] = [];

export function useSearchTerms(): readonly string[] {
  const text = useUi((s) => s.incidentFilter.text.trim());
  const { client, phase } = useFind();
  const [terms, setTerms] = useState<{ text: string; value: string[] } | null>(null);
  useEffect(() => {
    if (text === '' || phase !== 'ready' || client === null) return;
    let current = true;
    latest(client.terms(text))
      .then((value) => {
        if (current) setTerms({ text, value });
      })
      .catch((error: unknown) => console.error(error));
    return () => {
      current = false;
    };
  }, [client, phase, text]);
  return terms?.text === text && text !== '' ? terms.value : NONE;
}
