/**
 * A name folded for matching, so the same word typed on different keyboards, or spelled with or
 * without its marks, matches: Arabic yeh and kaf (ي ك) as the Persian forms (ی ک), teh marbuta
 * and Kurdish ae (ة ە) as heh, alef with hamza or madda (أ إ آ) as alef and the other hamza
 * carriers (ؤ ئ ۀ) as their bare letters; no diacritics in any script (Hérat = Herat), tatweel or
 * zero-width joiners; compatibility forms unfolded (NFKD), case folded, spaces collapsed. For
 * comparison only — never stored or shown.
 */
export function normaliseName(text: string): string {
  return (
    text
      .normalize('NFKD')
      // every combining mark: Latin accents, harakat, hamza above or below, madda, superscript alef
      .replace(/\p{M}/gu, '')
      .replace(/[\u064A\u0649]/g, '\u06CC')
      .replace(/\u0643/g, '\u06A9')
      .replace(/[\u0629\u06D5]/g, '\u0647')
      .replace(/\u0640/g, '')
      .replace(/\u200C|\u200D|\u200E|\u200F/g, '')
      .toLocaleLowerCase('en')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
