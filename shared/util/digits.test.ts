import { describe, expect, it } from 'vitest';
import { normaliseDigits, parseOptionalNumber, splitList } from './digits.ts';

describe('numbers typed in Dari', () => {
  it('reads Persian and Arabic-Indic digits and separators', () => {
    expect(normaliseDigits('۱۲۳')).toBe('123');
    expect(normaliseDigits('٣٤')).toBe('34');
    expect(parseOptionalNumber('۳۶٫۷')).toBe(36.7);
    expect(parseOptionalNumber('١٬٢٠١')).toBe(1201);
  });

  it('distinguishes empty from not-a-number', () => {
    expect(parseOptionalNumber('  ')).toBeNull();
    expect(parseOptionalNumber('12abc')).toBeNaN();
    expect(parseOptionalNumber('1e5')).toBeNaN();
    expect(parseOptionalNumber('-3.5')).toBe(-3.5);
  });

  it('splits lists on Latin and Arabic commas and semicolons', () => {
    expect(splitList('ISKP, ISIS-K، داعش;  ; Daesh؛x')).toEqual([
      'ISKP',
      'ISIS-K',
      'داعش',
      'Daesh',
      'x',
    ]);
  });
});
