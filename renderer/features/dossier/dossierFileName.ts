/**
 * The name a saved dossier is offered under: the translated "Dossier – title – date", made safe
 * for every file system (the save channel refuses `/ \ : * ? " < > |` and control characters)
 * and stripped of bidirectional controls, which could make a name display as something else
 * (a right-to-left override turns "…fdp.exe" into "…exe.pdf" on screen).
 */
const UNSAFE = '/\\:*?"<>|';
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Characters: a Dari name (two bytes a letter in UTF-8) stays under file systems' 255 bytes. */
const MAX_NAME = 100;

export function pdfFileName(base: string): string {
  const clean = [...base.replace(BIDI_CONTROLS, '')]
    .map((c) => (c < ' ' || c === '\u007f' || UNSAFE.includes(c) ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const short = [...clean].slice(0, MAX_NAME).join('').trim();
  return `${short === '' ? 'dossier' : short}.pdf`;
}
