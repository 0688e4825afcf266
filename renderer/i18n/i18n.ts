/**
 * Every UI string goes through i18next. English and Dari (fa-AF, right-to-left) ship in the
 * bundle — no language file is ever fetched. Switching language also flips the document's
 * direction, and the layout uses logical CSS properties so it mirrors correctly.
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { UI_LANGUAGES, type UiLanguage } from '../../shared/ipc/contract.ts';
import en from './locales/en.json';
import faAF from './locales/fa-AF.json';

const RTL_LANGUAGES: ReadonlySet<UiLanguage> = new Set(['fa-AF']);

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

export function directionOf(language: UiLanguage): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}

export async function initI18n(language: UiLanguage): Promise<i18n> {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en }, 'fa-AF': { translation: faAF } },
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  applyDocumentLanguage(language);
  return i18next;
}

export async function changeLanguage(language: UiLanguage): Promise<void> {
  await i18next.changeLanguage(language);
  applyDocumentLanguage(language);
}

function applyDocumentLanguage(language: UiLanguage): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}
