/** What an incident or source editor shows for review: its verification and its review notes. */
import type { AnnotatableKind } from '../../../shared/domain/annotation.ts';
import type { RecordStatus } from '../../../shared/domain/vocabulary.ts';
import { AnnotationsPanel } from './AnnotationsPanel.tsx';
import { ANNOTATABLE_FIELDS } from './annotatableFields.ts';
import { StatusControl } from './StatusControl.tsx';

interface Props {
  kind: AnnotatableKind;
  id: string;
  record: { status: RecordStatus; statusReason: string };
  /** The record's current values of its quotable text fields. */
  texts: Readonly<Record<string, string>>;
}

export function ReviewPanels({ kind, id, record, texts }: Props) {
  return (
    <>
      <StatusControl kind={kind} id={id} status={record.status} reason={record.statusReason} />
      <AnnotationsPanel kind={kind} id={id} fields={ANNOTATABLE_FIELDS[kind]} texts={texts} />
    </>
  );
}
