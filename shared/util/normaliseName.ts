/**
 * A name folded for matching, so the same word typed on different keyboards matches: Arabic
 * yeh and kaf (ي ك) as the Persian forms (ی ک), no diacritics, tatweel or zero-width joiners,
 * Unicode NFKC, case folded, spaces collapsed. For comparison only — never stored or shown.
 */
export function normaliseName(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(/[\u064A\u0649]/g, '\u06CC')
      .replace(/\u0643/g, '\u06A9')
      // Harakat and superscript alef (combining marks), tatweel, then zero-width and direction marks.
      .replace(/[\u064B-\u065F\u0670]/gu, '')
      .replace(/\u0640/g, '')
      .replace(/\u200C|\u200D|\u200E|\u200F/g, '')
      .toLocaleLowerCase('en')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
