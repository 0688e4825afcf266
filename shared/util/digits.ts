/**
 * Numbers as people in Afghanistan type them: Persian (۰–۹) and Arabic-Indic (٠–٩) digits, the
 * Arabic decimal separator (٫) and thousands separator (٬), read as the same number as ASCII.
 */
export function normaliseDigits(text: string): string {
  return text
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/\u066B/g, '.')
    .replace(/\u066C/g, '');
}

/** '' (or blanks) → null; otherwise the number, or NaN when the text is not one. */
export function parseOptionalNumber(text: string): number | null {
  const cleaned = normaliseDigits(text).trim();
  if (cleaned === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

/** Tags or aliases typed as a list separated by commas (Latin or Arabic) or semicolons. */
export function splitList(text: string): string[] {
  return text
    .split(/[,،;؛]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
