import { describe, expect, it } from 'vitest';
import { bundleErrorCode } from '../../test/helpers/bundleErrorCode.ts';
import { jsonDepth, parseJsonText } from './jsonText.ts';

const limits = { maxBytes: 1_000, maxDepth: 4 };

describe('parseJsonText', () => {
  it('parses JSON within the limits', () => {
    expect(parseJsonText('{"a":[1,{"b":"[[[[["}]}', 'x', limits)).toEqual({
      a: [1, { b: '[[[[[' }],
    });
  });

  it('counts nesting outside strings only, escapes included', () => {
    expect(jsonDepth('[[["\\"[[[["]]]')).toBe(3);
    expect(jsonDepth('"[[[["')).toBe(0);
  });

  it.each([
    ['too large', `"${'a'.repeat(1_000)}"`, 'jsonTooLarge'],
    ['too deep', '[[[[[1]]]]]', 'jsonTooDeep'],
    ['not JSON', '{"a":', 'invalidJson'],
    ['a __proto__ key', '{"__proto__":{"x":1}}', 'invalidJson'],
    ['a spaced __proto__ key', '{"a":{"__proto__" :1}}', 'invalidJson'],
  ])('refuses %s', (_what, text, code) => {
    expect(bundleErrorCode(() => parseJsonText(text, 'file', limits))).toBe(code);
  });

  it('accepts "__proto__" as a plain string value', () => {
    expect(parseJsonText('{"note":"__proto__"}', 'x', limits)).toEqual({ note: '__proto__' });
  });

  it('names the place in its message', () => {
    expect(() => parseJsonText('[', 'changes.ndjson line 7', limits)).toThrow(
      /changes\.ndjson line 7/,
    );
  });
});
