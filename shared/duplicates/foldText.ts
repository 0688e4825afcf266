/**
 * Text folded for duplicate matching, fast: the same folding as `normaliseName` (Arabic yeh and
 * kaf as the Persian forms, teh marbuta as heh, no marks, tatweel or zero-width joiners, case
 * folded) done on a whole string at once instead of character by character, since detection
 * folds the notes of 100,000 incidents and needs no offsets back into the original. A property
 * test keeps the two foldings equal.
 */
import { FOLDED_LETTERS, LETTERS } from '../util/normaliseName.ts';

// Alternatives, not a class: a class holding the zero-width joiner reads as one joined glyph.
const INVISIBLE = /\u200C|\u200D|\u200E|\u200F/g;
const DROPPED = /\u0640|\u200C|\u200D|\u200E|\u200F|\p{M}/gu;
/**
 * Text (zero-width marks removed) made only of characters that folding leaves alone but for
 * case: printable ASCII and whitespace, the Arabic-script letters Dari and Pashto use in their
 * Persian forms (not ي ك ة or the hamza and madda forms, which decompose), Arabic and Persian
 * digits and punctuation, typographic quotes and dashes. Such text (nearly every note) skips
 * NFKD, which costs ten times the rest. foldText.test.ts checks every character of the set.
 */
export const PLAIN =
  /^[\t\n\r\x20-\x7e\u0621\u0627-\u0628\u062a-\u063a\u0641-\u0642\u0644-\u0648\u0660-\u066d\u067e\u0686\u0698\u06a9\u06af\u06cc\u06f0-\u06f9\u060c\u061b\u061f\u2013\u2014\u2018\u2019\u201c\u201d]*$/;

/** `text` folded character by character (whitespace left as it is). */
function foldChars(text: string): string {
  const visible = text.replace(INVISIBLE, '');
  if (PLAIN.test(visible)) return visible.toLowerCase();
  return visible
    .normalize('NFKD')
    .replace(DROPPED, '')
    .replace(FOLDED_LETTERS, (c) => LETTERS[c] ?? c)
    .toLowerCase();
}

/** `text` folded (see the module comment), spaces collapsed and trimmed. */
export function foldFast(text: string): string {
  return foldChars(text).replace(/\s+/g, ' ').trim();
}

/** Runs of letters or digits in any script; everything else separates words. */
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The distinct words of `text` after folding, at least `minLength` characters long (short words
 * — "of", "در", "a" — say little about which event a note describes).
 */
export function foldedWords(text: string, minLength = 3): string[] {
  const words = new Set<string>();
  for (const word of foldChars(text).match(WORD) ?? []) {
    if (word.length >= minLength) words.add(word);
  }
  return [...words];
}
