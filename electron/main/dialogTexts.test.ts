import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../shared/ipc/contract.ts';
import { CONNECT_BUTTON, hubOriginQuestion, syncFolderDialogOptions } from './dialogTexts.ts';

describe('the hub question', () => {
  it('names the hub and defaults to Cancel', () => {
    const question = hubOriginQuestion('en', 'https://hub.example.org');
    expect(question.message).toBe(
      "Daftar wants to connect to the team hub at https://hub.example.org to send and receive your team's encrypted bundles.",
    );
    expect(question.detail).toBe('Connect only if your team lead gave you this address.');
    expect(question.buttons).toEqual(['Connect', 'Cancel']);
    expect(question.buttons[CONNECT_BUTTON]).toBe('Connect');
    expect(question.defaultId).toBe(1);
    expect(question.cancelId).toBe(1);
  });

  it('asks in Dari, the address kept left to right', () => {
    const question = hubOriginQuestion('fa-AF', 'https://hub.example.org:8443');
    expect(question.message).toContain('\u2068https://hub.example.org:8443\u2069');
    expect(question.message).toMatch(/مرکز تیم/);
    expect(question.buttons).toEqual(['وصل شدن', 'لغو']);
    expect(question.defaultId).toBe(1);
  });

  it.each(UI_LANGUAGES)('has every word in %s', (language) => {
    const question = hubOriginQuestion(language, 'https://h.example');
    for (const text of [question.title, question.message, question.detail, ...question.buttons]) {
      expect(text.trim()).not.toBe('');
    }
    const folder = syncFolderDialogOptions(language);
    expect(folder.properties).toEqual(expect.arrayContaining(['openDirectory', 'createDirectory']));
    expect(folder.title).not.toBe('');
  });
});
