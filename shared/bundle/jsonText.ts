/**
 * JSON from a file, parsed only after cheap checks that bound what parsing can cost: a size
 * limit and a nesting limit (a deeply nested value is legal JSON but has no place in a bundle,
 * and code that walks it recursively would overflow the stack).
 */
import { BundleError } from './bundleError.ts';

export interface JsonLimits {
  maxBytes: number;
  maxDepth: number;
}

/** Deepest nesting of arrays and objects in `text`, ignoring brackets inside strings. */
export function jsonDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** Parse one JSON text; `where` names it in messages ("manifest.json", "changes.ndjson line 4"). */
export function parseJsonText(text: string, where: string, limits: JsonLimits): unknown {
  if (text.length > limits.maxBytes) {
    throw new BundleError('jsonTooLarge', `${where} is larger than ${limits.maxBytes} bytes.`, {
      where,
      limit: limits.maxBytes,
    });
  }
  if (jsonDepth(text, limits.maxDepth) > limits.maxDepth) {
    throw new BundleError('jsonTooDeep', `${where} nests deeper than ${limits.maxDepth} levels.`, {
      where,
      limit: limits.maxDepth,
    });
  }
  // JSON.parse keeps a "__proto__" key as data, but code that copies it onto an object sets that
  // object's prototype instead; no bundle has a reason to carry one.
  if (text.includes('"__proto__"') && /"__proto__"\s*:/.test(text)) {
    throw new BundleError('invalidJson', `${where} has a "__proto__" key.`, { where });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BundleError('invalidJson', `${where} is not valid JSON: ${String(error)}`, { where });
  }
}
