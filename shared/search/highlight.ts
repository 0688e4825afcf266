/**
 * Marks the words of a text a search matched, for showing a result: runs of the original text
 * (never the folded one), a run marked where a word's search form (searchText.ts) is one of the
 * terms — so "كابل" typed with an Arabic kaf marks the stored "کابل", "12" marks "۱۲" — and,
 * for a word written with a ZWNJ, only the part that matched when the whole word did not.
 */
import { queryTerms, wordsOf } from './searchText.ts';

/** One stretch of a text shown with its matches marked. */
export interface HighlightRun {
  text: string;
  match: boolean;
}

export interface HighlightOptions {
  /** The last term also matches words it begins (the word being typed). */
  prefixLast?: boolean;
}

/**
 * `text` cut into runs, the words whose folded form is one of `terms` marked (the whole word, or
 * the part of a word written with a ZWNJ). `terms` may be typed text or index terms (from the
 * find engine's `terms`); they are folded here. Runs cover the original text exactly.
 */
export function highlight(
  text: string,
  terms: readonly string[],
  options: HighlightOptions = {},
): HighlightRun[] {
  const folded = terms.flatMap((t) => queryTerms(t));
  const prefix = options.prefixLast && folded.length > 0 ? folded.at(-1)! : null;
  const wanted = new Set(folded);
  if (wanted.size === 0 || text === '') return text === '' ? [] : [{ text, match: false }];
  const marks: [number, number][] = [];
  for (const word of wordsOf(text)) {
    if (wanted.has(word.term) || (prefix !== null && word.term.startsWith(prefix))) {
      marks.push([word.start, word.end]);
    }
  }
  marks.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const runs: HighlightRun[] = [];
  let at = 0;
  for (const [start, end] of marks) {
    if (end <= at) continue; // a part inside a word already marked
    const from = Math.max(start, at);
    if (from > at) runs.push({ text: text.slice(at, from), match: false });
    const last = runs.at(-1);
    if (last?.match && from === at) last.text += text.slice(from, end);
    else runs.push({ text: text.slice(from, end), match: true });
    at = end;
  }
  if (at < text.length) runs.push({ text: text.slice(at), match: false });
  return runs;
}
