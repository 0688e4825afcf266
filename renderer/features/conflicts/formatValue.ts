/**
 * A field value from a conflict, made readable: text as text, lists item by item (objects as
 * "key: value" pairs), anything else as indented JSON. Pure, so it is tested without a DOM.
 */
export type ReadableValue =
  | { type: 'empty' }
  | { type: 'text'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'json'; text: string };

export function readableValue(value: unknown): ReadableValue {
  if (value === null || value === undefined || value === '') return { type: 'empty' };
  if (typeof value === 'string') return { type: 'text', text: value };
  if (typeof value === 'number' || typeof value === 'boolean') {
    return { type: 'text', text: String(value) };
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return { type: 'empty' };
    if (value.every((item) => isScalar(item) || isFlatObject(item))) {
      return { type: 'list', items: value.map(inline) };
    }
  }
  return { type: 'json', text: JSON.stringify(value, null, 2) };
}

/** Whether every version of a conflict is text, so a merged text can be written by hand. */
export function isTextConflict(values: readonly unknown[]): boolean {
  return values.every((value) => typeof value === 'string');
}

type Scalar = string | number | boolean | null;

const isScalar = (value: unknown): value is Scalar =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

const isFlatObject = (value: unknown): value is Record<string, Scalar> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every(isScalar);

function inline(item: Scalar | Record<string, Scalar>): string {
  if (isScalar(item)) return item === null ? '—' : String(item);
  return Object.entries(item)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
}
