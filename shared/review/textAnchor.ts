/**
 * Anchoring an annotation to a passage of a source's text, so that it survives edits elsewhere
 * in the text: the passage is remembered by its quote with some text before and after it (the W3C
 * Web Annotation TextQuoteSelector) and by its position (TextPositionSelector). Finding it again
 * tries the remembered position, then every exact occurrence of the quote, then occurrences
 * that differ only in Arabic letter forms, marks or spacing, then approximate occurrences (Myers' algorithm, `approx-string-match`), each scored the way Hypothesis scores
 * them — quote, context before, context after, nearness to the old position. An anchor that
 * scores too low nowhere is orphaned: the caller shows it as such and never drops it.
 * docs/design/review-research.md has the reasoning and the sources.
 */
import search from 'approx-string-match';
import { foldForMatching } from '../util/normaliseName.ts';

export interface TextAnchor {
  /** The passage as it was quoted. */
  exact: string;
  /** Up to CONTEXT code units before it, and after it. */
  prefix: string;
  suffix: string;
  /** Where it was: UTF-16 offsets, end exclusive. */
  start: number;
  end: number;
}

export interface AnchorMatch {
  start: number;
  end: number;
  /** 1 for the passage found unchanged in its context; lower the more it differs. */
  score: number;
}

/** Code units of context remembered on each side of a passage. */
export const CONTEXT = 32;
/** Below this score an anchor is orphaned. */
export const ORPHAN_BELOW = 0.5;

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** An offset moved back off the middle of a surrogate pair. */
function onCharacter(text: string, at: number): number {
  return at > 0 && at < text.length && isLowSurrogate(text.charCodeAt(at)) ? at - 1 : at;
}

/** The anchor of `text.slice(start, end)`; refuses an empty or out-of-range passage. */
export function anchorOf(text: string, start: number, end: number): TextAnchor {
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end)) {
    throw new RangeError('A passage is a non-empty range of the text.');
  }
  if (end > text.length) throw new RangeError('The passage runs past the end of the text.');
  const from = onCharacter(text, start);
  const to = onCharacter(text, end);
  return {
    exact: text.slice(from, to),
    prefix: text.slice(onCharacter(text, Math.max(0, from - CONTEXT)), from),
    suffix: text.slice(to, onCharacter(text, Math.min(text.length, to + CONTEXT))),
    start: from,
    end: to,
  };
}

/** 1 − errors / length of `pattern`'s best approximate occurrence in `text`. */
function similarity(text: string, pattern: string): number {
  if (pattern.length === 0) return 1;
  const maxErrors = Math.floor(pattern.length / 2);
  const matches = search(text, pattern, maxErrors);
  if (matches.length === 0) return 0;
  return 1 - Math.min(...matches.map((m) => m.errors)) / pattern.length;
}

function score(text: string, anchor: TextAnchor, start: number, end: number, errors: number) {
  const quote = 1 - errors / anchor.exact.length;
  // the context is looked for next to the candidate, where it would be
  const before = text.slice(Math.max(0, start - anchor.prefix.length - CONTEXT / 2), start);
  const after = text.slice(end, end + anchor.suffix.length + CONTEXT / 2);
  const prefix = anchor.prefix === '' ? 1 : similarity(before, anchor.prefix);
  const suffix = anchor.suffix === '' ? 1 : similarity(after, anchor.suffix);
  const nearness = 1 - Math.min(1, Math.abs(start - anchor.start) / Math.max(1, text.length));
  return (50 * quote + 20 * prefix + 20 * suffix + 2 * nearness) / 92;
}

/**
 * The quote where only letter forms, marks, tatweel or spacing differ — ي for ی, ك for ک, a
 * vowel mark added: the same words typed on another keyboard — mapped back to the text's offsets.
 */
function foldedOccurrences(text: string, exact: string) {
  const quote = foldForMatching(exact).folded.trim();
  if (quote === '') return [];
  const { folded, starts, ends } = foldForMatching(text);
  const found: { start: number; end: number; errors: number }[] = [];
  for (let at = folded.indexOf(quote); at !== -1; at = folded.indexOf(quote, at + 1)) {
    found.push({ start: starts[at]!, end: ends[at + quote.length - 1]!, errors: 0 });
  }
  return found;
}

/** Where `anchor`'s passage is in `text` now, or null: the anchor is orphaned. */
export function locateAnchor(text: string, anchor: TextAnchor): AnchorMatch | null {
  const { exact, start, end } = anchor;
  if (exact === '') return null;
  if (text.slice(start, end) === exact) {
    const found = score(text, anchor, start, end, 0);
    if (found === 1) return { start, end, score: 1 };
  }
  const candidates: { start: number; end: number; errors: number }[] = [];
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    candidates.push({ start: at, end: at + exact.length, errors: 0 });
  }
  if (candidates.length === 0) candidates.push(...foldedOccurrences(text, exact));
  if (candidates.length === 0) {
    candidates.push(...search(text, exact, Math.min(256, Math.floor(exact.length / 2))));
  }
  let best: AnchorMatch | null = null;
  for (const c of candidates) {
    const s = score(text, anchor, c.start, c.end, c.errors);
    if (best === null || s > best.score) best = { start: c.start, end: c.end, score: s };
  }
  return best !== null && best.score >= ORPHAN_BELOW ? best : null;
}
