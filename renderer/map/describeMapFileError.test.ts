import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../i18n/locales/en.json';
import { MapFileError } from '../../shared/maps/mapFileError.ts';
import { describeMapFileError } from './describeMapFileError.ts';

const t = i18next.createInstance();
beforeAll(() => t.init({ lng: 'en', resources: { en: { translation: en } } }));

describe('why a basemap file was refused', () => {
  it('says the kind of problem, then the reader’s own detail', () => {
    expect(
      describeMapFileError(new MapFileError('truncated', 'page 39 is missing'), t.t.bind(t)),
    ).toBe('The file is cut short — it may not have been copied completely. (page 39 is missing)');
  });

  it('calls a full disk a full disk, in the browser and in the desktop app', () => {
    const full = 'There is not enough free space on this computer.';
    expect(describeMapFileError(new DOMException('quota', 'QuotaExceededError'), t.t.bind(t))).toBe(
      full,
    );
    expect(
      describeMapFileError(new Error('ENOSPC: no space left on device, write'), t.t.bind(t)),
    ).toBe(full);
    expect(describeMapFileError(new Error('something else'), t.t.bind(t))).toBe('something else');
  });
});
