/**
 * "Import bundle…": a button that opens the file chooser (a hidden, labelled file input), for
 * a `.daftar` file from a teammate. Dropping the file on the window does the same.
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { receiveBundleFile } from './receiveBundleFile.ts';

export function ImportPanel() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">{t('bundle.import.title')}</h2>
      <p>{t('bundle.import.intro')}</p>
      <button type="button" className="primary" onClick={() => input.current?.click()}>
        {t('bundle.import.choose')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".daftar"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('bundle.import.fileLabel')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void receiveBundleFile(file, t);
        }}
      />
      <p className="hint">{t('bundle.import.dropHint')}</p>
    </section>
  );
}
