import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createHostSettingsStore,
  loadHostSettings,
  pickLanguage,
  updateHostSettings,
} from './hostSettings.ts';

let folder: string;
let file: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'daftar-settings-'));
  file = path.join(folder, 'settings.json');
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('host settings', () => {
  it('remembers the language for the next start', async () => {
    await updateHostSettings(file, { language: 'fa-AF' });
    const settings = await loadHostSettings(file);
    expect(pickLanguage(settings.language, ['en-US'])).toBe('fa-AF');
  });

  it('keeps keys written by a newer version', async () => {
    await writeFile(file, JSON.stringify({ language: 'en', hubUrl: 'https://hub.example.org' }));
    await updateHostSettings(file, { language: 'fa-AF' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      language: 'fa-AF',
      hubUrl: 'https://hub.example.org',
    });
  });

  it.each([
    ['a corrupt file', '{"language":'],
    ['an unknown language', '{"language":"klingon"}'],
    ['no file at all', undefined],
  ])('falls back to the system language with %s', async (_name, text) => {
    if (text !== undefined) await writeFile(file, text);
    const settings = await loadHostSettings(file);
    expect(settings.language).toBeUndefined();
    expect(pickLanguage(settings.language, ['fa-AF'])).toBe('fa-AF');
  });
});

describe('host settings store', () => {
  it('applies updates one at a time, so none is lost to another written at once', async () => {
    const store = createHostSettingsStore(file);
    await Promise.all([
      store.update({ language: 'fa-AF' }),
      store.update({ syncFolder: '/media/usb/Team' }),
      store.update({ hubOrigins: ['https://hub.example.org'] }),
    ]);
    await expect(store.load()).resolves.toEqual({
      language: 'fa-AF',
      syncFolder: '/media/usb/Team',
      hubOrigins: ['https://hub.example.org'],
    });
  });

  it('removes a key set to undefined', async () => {
    const store = createHostSettingsStore(file);
    await store.update({ language: 'en', syncFolder: '/media/usb/Team' });
    await store.update({ syncFolder: undefined });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ language: 'en' });
  });

  it('is idle only once every update asked for, even one queued meanwhile, has landed', async () => {
    const store = createHostSettingsStore(file);
    void store.update({ language: 'fa-AF' });
    const idle = store.idle();
    void store.update({ syncFolder: '/media/usb/Team' });
    await idle;
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      language: 'fa-AF',
      syncFolder: '/media/usb/Team',
    });
  });

  it('reads malformed values as unset', async () => {
    await writeFile(file, JSON.stringify({ syncFolder: 42, hubOrigins: 'https://x.org' }));
    const settings = await loadHostSettings(file);
    expect(settings.syncFolder).toBeUndefined();
    expect(settings.hubOrigins).toBeUndefined();
  });
});

describe('pickLanguage', () => {
  it.each([
    [[], 'en'],
    [['en-GB'], 'en'],
    [['prs-AF'], 'fa-AF'],
    [['fa'], 'fa-AF'],
    [['fa_IR'], 'fa-AF'],
    [['ps-AF', 'fa-AF', 'en-US'], 'fa-AF'],
    [['de-DE', 'en-US', 'fa-AF'], 'en'],
    [['ps-AF', 'de-DE'], 'en'],
  ] as const)('system languages %j → %s', (languages, expected) => {
    expect(pickLanguage(undefined, languages)).toBe(expected);
  });

  it('prefers the saved choice over the system', () => {
    expect(pickLanguage('en', ['fa-AF'])).toBe('en');
  });
});
