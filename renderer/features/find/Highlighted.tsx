/** Text with the words a search matched marked (`<mark>`), around the first match when cut short. */
import { highlight } from '../../../shared/search/highlight.ts';

interface Props {
  text: string;
  terms: readonly string[];
  /** Show at most this many characters, centred on the first match. */
  around?: number;
}

export function Highlighted({ text, terms, around }: Props) {
  const runs = highlight(text, terms);
  let shown = runs;
  if (around !== undefined && text.length > around) {
    // Cut to a window around the first match, keeping the runs' boundaries.
    let at = 0;
    let first = 0;
    for (const run of runs) {
      if (run.match) {
        first = at;
        break;
      }
      at += run.text.length;
    }
    const start = Math.max(0, first - Math.floor(around / 3));
    const end = Math.min(text.length, start + around);
    shown = [];
    let offset = 0;
    for (const run of runs) {
      const from = Math.max(start, offset);
      const to = Math.min(end, offset + run.text.length);
      if (from < to) shown.push({ ...run, text: run.text.slice(from - offset, to - offset) });
      offset += run.text.length;
    }
    if (start > 0) shown.unshift({ text: '… ', match: false });
    if (end < text.length) shown.push({ text: ' …', match: false });
  }
  return <>{shown.map((run, i) => (run.match ? <mark key={i}>{run.text}</mark> : run.text))}</>;
}
