import { describe, expect, it } from 'vitest';
import { BUNDLE_ERROR_CODES } from '../../../shared/bundle/bundleError.ts';
import en from '../../i18n/locales/en.json';

describe('bundle error messages', () => {
  it('has a translated message for every code a bundle can be refused with', () => {
    const messages = en.bundle.errors as Record<string, string>;
    expect(BUNDLE_ERROR_CODES.filter((code) => !messages[code])).toEqual([]);
  });
});
