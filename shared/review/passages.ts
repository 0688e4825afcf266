/**
 * Where each annotated passage is in a text as it is now, and the text cut into runs covered by
 * the same passages — what the reader draws as highlights. An anchor found nowhere is orphaned:
 * listed with its remembered quote, never dropped.
 */
import { locateAnchor, type TextAnchor } from './textAnchor.ts';

export interface PassagePlace {
  /** Where the passage is now; null when it is gone from the text (orphaned). */
  range: { start: number; end: number } | null;
  /** Whether it was found where and as it was quoted. */
  exact: boolean;
}

/**
 * Each anchor's place in `text`. The common case — the text has not changed since the quote was
 * taken — costs one comparison; only a moved or edited passage is searched for.
 */
export function placePassages<T extends { id: string; anchor: TextAnchor }>(
  text: string,
  items: readonly T[],
): Map<string, PassagePlace> {
  const places = new Map<string, PassagePlace>();
  for (const { id, anchor } of items) {
    if (text.slice(anchor.start, anchor.end) === anchor.exact) {
      places.set(id, { range: { start: anchor.start, end: anchor.end }, exact: true });
      continue;
    }
    const match = locateAnchor(text, anchor);
    places.set(id, {
      range: match && { start: match.start, end: match.end },
      exact: false,
    });
  }
  return places;
}

export interface Run {
  start: number;
  end: number;
  /** The passages covering this run, in the order they were given; empty for plain text. */
  ids: string[];
}

/** `text`'s length cut at every passage boundary: consecutive runs covering it all. */
export function runsOf(
  length: number,
  ranges: ReadonlyMap<string, { start: number; end: number }>,
): Run[] {
  const cuts = new Set([0, length]);
  for (const { start, end } of ranges.values()) {
    cuts.add(Math.max(0, Math.min(length, start)));
    cuts.add(Math.max(0, Math.min(length, end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const ids = [...ranges].filter(([, r]) => r.start <= start && end <= r.end).map(([id]) => id);
    const last = runs.at(-1);
    // Neighbouring runs covered by the same passages are one run.
    if (last && last.ids.join(' ') === ids.join(' ')) last.end = end;
    else runs.push({ start, end, ids });
  }
  return runs;
}
