/**
 * The words and digits of the printed page numbers. The footer is an `@page` margin box in
 * styles.css — unlike Electron's footerTemplate, it keeps the page's fonts and direction
 * (docs/design/review-research.md §4) — and a margin box can only read what the root element
 * carries, so the translated words and the language's counter style are set on `<html>` as
 * custom properties while the dossier is shown.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The CSS counter style that writes numbers as `language` does (Dari: ۱۲۳). */
export function pageCounterStyle(language: string): string {
  switch (new Intl.NumberFormat(language).resolvedOptions().numberingSystem) {
    case 'arabext':
      return 'persian';
    case 'arab':
      return 'arabic-indic';
    default:
      return 'decimal';
  }
}

/** `text` as a CSS string. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\a ')}"`;
}

export function usePageFooter(): void {
  const { t, i18n } = useTranslation();
  const page = t('dossier.page');
  const of = t('dossier.pageOf');
  const digits = pageCounterStyle(i18n.language);
  useEffect(() => {
    const style = document.documentElement.style;
    style.setProperty('--dossier-page', cssString(page));
    style.setProperty('--dossier-page-of', cssString(of));
    style.setProperty('--dossier-digits', digits);
    return () => {
      for (const name of ['--dossier-page', '--dossier-page-of', '--dossier-digits']) {
        style.removeProperty(name);
      }
    };
  }, [page, of, digits]);
}
