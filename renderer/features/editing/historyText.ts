/**
 * A history value as one line of text (lists joined, objects as JSON), and long text shortened:
 * what a history row shows at first and what a restore button's name quotes.
 */
import { readableValue } from '../conflicts/formatValue.ts';

/** The value as text; `notSet` for an empty one. */
export function valueText(value: unknown, notSet: string): string {
  const readable = readableValue(value);
  switch (readable.type) {
    case 'empty':
      return notSet;
    case 'text':
    case 'json':
      return readable.text;
    case 'list':
      return readable.items.join('; ');
  }
}

/** `text` cut to `limit` characters with an ellipsis; whole characters, never half a pair. */
export function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const chars = Array.from(text);
  return chars.length <= limit ? text : `${chars.slice(0, limit).join('').trimEnd()}…`;
}
