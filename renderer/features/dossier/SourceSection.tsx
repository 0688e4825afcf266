/**
 * One linked source in the dossier: its hash, fields and what it supports in this incident, its
 * text, files, chain of custody, verification history and review threads.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { AttachmentTable } from './AttachmentTable.tsx';
import { CustodyList } from './CustodyList.tsx';
import { sourceRows } from './dossierFields.ts';
import type { DossierSource } from './dossierModel.ts';
import { FieldTable } from './FieldTable.tsx';
import { RecordText } from './RecordText.tsx';
import { ReviewThreads } from './ReviewThreads.tsx';
import { StatusHistory } from './StatusHistory.tsx';

export function SourceSection({ entry }: { entry: DossierSource }) {
  const { t } = useTranslation();
  const id = useId();
  const { source, link } = entry;
  return (
    <section className="dossier-source" aria-labelledby={id}>
      <h3 id={id} dir="auto">
        {source.title}
      </h3>
      <p className="dossier-hash">
        {t('dossier.sourceHash')}{' '}
        <bdi dir="ltr" className="hash">
          {entry.sha256}
        </bdi>
        <br />
        <span className="hint">{t('dossier.sourceHashHint')}</span>
      </p>
      <FieldTable rows={sourceRows(t, source, link)} labelledBy={id} />
      <RecordText label={t('fieldName.excerpt')} text={source.excerpt} level={4} />
      <RecordText label={t('fieldName.fullText')} text={source.fullText} level={4} />
      <AttachmentTable attachments={source.attachments} />
      <CustodyList entries={entry.custody} sourceHash={entry.sha256} />
      <StatusHistory steps={entry.statusSteps} level={4} />
      <ReviewThreads threads={entry.threads} level={4} />
    </section>
  );
}
