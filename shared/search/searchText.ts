/**
 * Words for full-text search, the same for indexing, querying and highlighting, so a word typed
 * on any keyboard finds the stored word it stands for. Built on `foldForMatching` (Arabic yeh and
 * kaf as the Persian forms, teh marbuta as heh, hamza carriers and madda as their bare letters, no
 * diacritics, tatweel or directional marks, case folded) plus what search needs on top: Persian
 * and Arabic-Indic digits as ASCII, alef wasla as alef, Urdu heh (ھ) as heh, final sigma as sigma.
 *
 * A word is a run of letters and digits of the folded text; hyphens, apostrophes and other
 * punctuation end a word ("Mazar-i-Sharif" is three words).
 *
 * Zero-width non-joiner (ZWNJ, U+200C): Dari writes "می‌شود" (verb prefix + stem) and "کتاب‌ها"
 * (noun + plural) as one word with a ZWNJ inside, but people type it three ways: with the ZWNJ,
 * without it ("میشود") or with a space ("می شود"). So a stored word with a ZWNJ is indexed both
 * joined ("میشود") and as its parts ("می", "شود"), while a query drops the ZWNJ (joined form
 * only). All three typed forms then find the stored one. The reverse — "می شود" typed with a
 * space finding a stored "میشود" written without any ZWNJ — is not attempted: nothing in the
 * stored word says where to split it.
 *
 * Indexing takes a fast path (fold each run of word characters on its own) when the text only
 * holds Latin, Arabic-script and general punctuation characters, where that is provably the same
 * as folding the whole text; anything else goes through `foldForMatching` character by character.
 * The two are checked against each other in the tests.
 */
import { foldForMatching, FOLDED_LETTERS, LETTERS } from '../util/normaliseName.ts';

/** Stands for a ZWNJ inside a folded word (a private-use character folding leaves alone). */
const JOIN = '\uE000';

/** What folding adds for search, each one code unit to one code unit (offsets stay valid). */
const EXTRA: Record<string, string> = {
  '\u0671': '\u0627', // ٱ → ا
  '\u06BE': '\u0647', // ھ → ه
  '\u03C2': '\u03C3', // ς → σ (lower-casing a whole word makes a final sigma; one letter doesn't)
};
for (let d = 0; d < 10; d++) {
  EXTRA[String.fromCharCode(0x06f0 + d)] = String(d); // ۰–۹
  EXTRA[String.fromCharCode(0x0660 + d)] = String(d); // ٠–٩
}
const EXTRA_CHARS = /[\u0671\u06BE\u03C2\u06F0-\u06F9\u0660-\u0669]/g;

/** The dropped characters of foldForMatching (its letter map is imported). */
const DROPPED = /\u0640|\u200D|\u200E|\u200F|\p{M}/gu;

/**
 * A character outside those for which folding a run of word characters alone equals folding the
 * whole text (Latin, Arabic script, general punctuation, common blanks).
 */
const SLOW_CHAR = /[^\t\n\r\u0020-\u024F\u0600-\u06FF\u2000-\u206F]/;
/** A run of characters that folds into word characters (or vanishes inside a word). */
const RUN = /[\p{L}\p{N}\p{M}\u0640\u200C-\u200F]+/gu;
const WORD = /[\p{L}\p{N}\uE000]+/gu;
const ASCII_WORD = /^[A-Za-z0-9]+$/;

const extra = (folded: string) => folded.replace(EXTRA_CHARS, (c) => EXTRA[c]!);

/** One run of word characters folded (the fast path; see SLOW_CHAR). */
function foldRun(run: string): string {
  if (ASCII_WORD.test(run)) return run.toLowerCase();
  const folded = run
    .replace(/\u200C/g, JOIN)
    .normalize('NFKD')
    .replace(DROPPED, '')
    .replace(FOLDED_LETTERS, (c) => LETTERS[c]!)
    .toLocaleLowerCase('en');
  return extra(folded);
}

/** A word of the text: its folded form and where it is in the original text. */
export interface TextWord {
  term: string;
  start: number;
  end: number;
}

/**
 * `text` folded for search with, for each folded code unit, where the original character it
 * came from starts and ends; ZWNJs show as JOIN characters.
 */
export function foldForSearch(text: string): { folded: string; starts: number[]; ends: number[] } {
  const { folded, starts, ends } = foldForMatching(text.replace(/\u200C/g, JOIN));
  return { folded: extra(folded), starts, ends };
}

/**
 * Every word of `text` with its place in the original, in order. `parts`: a word written with
 * ZWNJs is also given as each of its parts (indexing and highlighting), after the whole word.
 */
export function wordsOf(text: string, parts = true): TextWord[] {
  const { folded, starts, ends } = foldForSearch(text);
  const out: TextWord[] = [];
  for (const match of folded.matchAll(WORD)) {
    const word = match[0];
    const at = match.index;
    const term = word.includes(JOIN) ? word.replaceAll(JOIN, '') : word;
    if (term === '') continue;
    out.push({ term, start: starts[at]!, end: ends[at + word.length - 1]! });
    if (!parts || term.length === word.length) continue;
    let from = 0;
    const pieces = word.split(JOIN);
    if (pieces.filter((p) => p !== '').length < 2) continue;
    for (const piece of pieces) {
      if (piece !== '') {
        const first = at + from;
        out.push({ term: piece, start: starts[first]!, end: ends[first + piece.length - 1]! });
      }
      from += piece.length + 1;
    }
  }
  return out;
}

/** Adds the terms of one folded word (with JOINs) to `out`: joined, then the parts if any. */
function pushWord(word: string, parts: boolean, out: string[]): void {
  if (!word.includes(JOIN)) {
    out.push(word);
    return;
  }
  const pieces = word.split(JOIN).filter((p) => p !== '');
  if (pieces.length === 0) return;
  out.push(pieces.join(''));
  if (parts && pieces.length > 1) out.push(...pieces);
}

function termsOf(text: string, parts: boolean): string[] {
  const out: string[] = [];
  if (SLOW_CHAR.test(text)) {
    // Rare characters (other scripts, presentation forms, emoji): fold piece by piece between
    // blanks — no word spans a blank — the slow way, only where they are.
    for (const piece of text.split(/\s+/)) {
      if (piece === '') continue;
      if (!SLOW_CHAR.test(piece)) termsOfFastText(piece, parts, out);
      else
        for (const match of foldForSearch(piece).folded.matchAll(WORD))
          pushWord(match[0], parts, out);
    }
    return out;
  }
  termsOfFastText(text, parts, out);
  return out;
}

function termsOfFastText(text: string, parts: boolean, out: string[]): void {
  for (const run of text.matchAll(RUN)) {
    const raw = run[0];
    if (ASCII_WORD.test(raw)) {
      out.push(raw.toLowerCase());
      continue;
    }
    for (const word of foldRun(raw).matchAll(WORD)) pushWord(word[0], parts, out);
  }
}

/** The terms to index for `text`: every word, and the parts of words written with a ZWNJ. */
export function indexTerms(text: string): string[] {
  return termsOf(text, true);
}

/** The terms of a typed query, in order: every word, ZWNJs dropped (see the header). */
export function queryTerms(text: string): string[] {
  return termsOf(text, false);
}
