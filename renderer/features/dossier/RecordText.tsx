/**
 * A long text field of a record (narrative, excerpt, full text) under its label, in its own
 * direction (`dir="auto"`: a Dari narrative reads right to left in an English dossier too) and
 * with its line breaks.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export function RecordText({ label, text, level }: { label: string; text: string; level: 2 | 4 }) {
  const { t } = useTranslation();
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h4';
  return (
    <section className="dossier-text" aria-labelledby={id}>
      <Heading id={id}>{label}</Heading>
      {text.trim() === '' ? (
        <p className="hint">{t('common.notSet')}</p>
      ) : (
        <div className="record-text" dir="auto">
          {text}
        </div>
      )}
    </section>
  );
}
