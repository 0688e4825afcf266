import { describe, expect, it } from 'vitest';
import { cssString, pageCounterStyle } from './pageFooter.ts';

describe('pageCounterStyle', () => {
  it('writes page numbers in the digits the language uses', () => {
    expect(pageCounterStyle('fa-AF')).toBe('persian');
    expect(pageCounterStyle('en')).toBe('decimal');
  });
});

describe('cssString', () => {
  it('quotes text for a CSS content value', () => {
    expect(cssString('صفحه')).toBe('"صفحه"');
    expect(cssString('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c\\a d"');
  });
});
