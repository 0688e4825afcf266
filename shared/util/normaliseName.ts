/**
 * Text folded for matching, so the same word typed on different keyboards, or spelled with or
 * without its marks, matches: Arabic yeh and kaf (ي ك) as the Persian forms (ی ک), teh marbuta
 * and Kurdish ae (ة ە) as heh, alef with hamza or madda (أ إ آ) as alef and the other hamza
 * carriers (ؤ ئ ۀ) as their bare letters; no diacritics in any script (Hérat = Herat), tatweel or
 * zero-width joiners; compatibility forms unfolded (NFKD), case folded, spaces collapsed. For
 * comparison only — never stored or shown.
 */

/** Letters folded to the form Dari writes (shared by the search and duplicate foldings). */
export const LETTERS: Readonly<Record<string, string>> = {
  '\u064A': '\u06CC', // ي → ی
  '\u0649': '\u06CC', // ى → ی
  '\u0643': '\u06A9', // ك → ک
  '\u0629': '\u0647', // ة → ه
  '\u06D5': '\u0647', // ە → ه
};
/** Every letter of LETTERS, to replace them all at once (`text.replace(FOLDED_LETTERS, …)`). */
export const FOLDED_LETTERS = /[\u064A\u0649\u0643\u0629\u06D5]/g;
const DROPPED = /\u0640|\u200C|\u200D|\u200E|\u200F|\p{M}/u;

export interface FoldedText {
  folded: string;
  /** For each code unit of `folded`, where the character it came from starts and ends. */
  starts: number[];
  ends: number[];
}

/** `text` folded, with where each folded character came from (to map a match back). */
export function foldForMatching(text: string): FoldedText {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let lastWasSpace = false;
  for (let at = 0; at < text.length;) {
    const char = String.fromCodePoint(text.codePointAt(at)!);
    const next = at + char.length;
    let out = '';
    for (const part of char.normalize('NFKD')) {
      if (DROPPED.test(part)) continue;
      out += LETTERS[part] ?? part;
    }
    out = out.toLocaleLowerCase('en');
    if (/^\s+$/.test(out)) {
      if (!lastWasSpace) {
        folded += ' ';
        starts.push(at);
        ends.push(next);
      }
      lastWasSpace = true;
    } else if (out !== '') {
      for (let i = 0; i < out.length; i++) {
        starts.push(at);
        ends.push(next);
      }
      folded += out;
      lastWasSpace = false;
    }
    at = next;
  }
  return { folded, starts, ends };
}

export function normaliseName(text: string): string {
  return foldForMatching(text).folded.trim();
}
