/** The source form: what it is, who published it, how far to trust it, its text and files. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emptySource } from '../../../shared/domain/source.ts';
import {
  COMMON_SOURCE_LANGUAGES,
  CREDIBILITY_GRADES,
  RELIABILITY_GRADES,
  SOURCE_KINDS,
  type SourceKind,
} from '../../../shared/domain/vocabulary.ts';
import { todayIso } from '../editing/todayIso.ts';
import { useLive, usePlatform } from '../../app/appContext.ts';
import { SelectField, TextArea, TextField } from '../../components/fields.tsx';
import { DateInput } from '../../components/DateInput.tsx';
import { useUi } from '../../state/uiStore.ts';
import { isAllowedExternalUrl } from '../../../shared/ipc/contract.ts';
import { HistoryPanel } from '../editing/HistoryPanel.tsx';
import { RecordEditorFrame } from '../editing/RecordEditorFrame.tsx';
import { useRecordEditor } from '../editing/useRecordEditor.ts';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';
import { ReviewPanels } from '../review/ReviewPanels.tsx';
import { CustodyLog } from './CustodyLog.tsx';
import { sourceCodec } from './sourceDraft.ts';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function SourceEditor({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const platform = usePlatform();
  // Main may still refuse a link (an IP address, a look-alike host name): say why.
  const openUrl = async (url: string) => {
    try {
      await platform.openExternal(url);
    } catch (error) {
      useUi.getState().announce(messageOf(error));
    }
  };
  const navigate = useUi((s) => s.navigate);
  const [empty] = useState(() => emptySource(todayIso()));
  const editor = useRecordEditor({
    kind: 'source',
    id,
    empty,
    codec: sourceCodec,
    onCreated: (newId) =>
      navigate({ view: 'source', id: newId }, { replace: true, keepEditor: true }),
    undoLabel: { create: 'undo.createSource', edit: 'undo.editSource' },
  });
  const incidents = useLive(
    (d) => (editor.recordId ? d.incidentsOfSource(editor.recordId) : Promise.resolve([])),
    [editor.recordId],
  );
  const { draft, errorOf } = editor;

  const set = editor.field;

  return (
    <RecordEditorFrame
      kind="source"
      requestedId={id}
      editor={editor}
      title={draft.title}
      beforeSave={t('source.filesAfterSave')}
      panels={(recordId) => (
        <>
          <AttachmentsPanel sourceId={recordId} attachments={editor.stored?.attachments ?? []} />
          <section aria-labelledby="source-incidents-title">
            <h2 id="source-incidents-title">{t('source.linkedIncidents')}</h2>
            {incidents && incidents.length === 0 ? <p>{t('source.noIncidents')}</p> : null}
            <ul>
              {incidents?.map((incident) => (
                <li key={incident.id}>
                  <a href={`#/incidents/${encodeURIComponent(incident.id)}`}>{incident.title}</a>
                </li>
              ))}
            </ul>
          </section>
          {editor.stored ? (
            <ReviewPanels
              kind="source"
              id={recordId}
              record={editor.stored}
              texts={{ excerpt: editor.stored.excerpt, fullText: editor.stored.fullText }}
            />
          ) : null}
          <CustodyLog sourceId={recordId} />
          <HistoryPanel kind="source" id={recordId} />
        </>
      )}
    >
      <section aria-labelledby="sec-source">
        <h2 id="sec-source">{t('source.sectionWhat')}</h2>
        <SelectField
          label={t('fieldName.kind')}
          value={draft.kind}
          options={SOURCE_KINDS.map((k) => ({ value: k, label: t(`vocab.sourceKind.${k}`) }))}
          onChange={(v) => set('kind')(v as SourceKind)}
        />
        <TextField {...editor.text('title')} required />
        <TextField {...editor.text('outlet')} />
        <TextField {...editor.text('author')} />
        <TextField
          {...editor.text('url')}
          type="url"
          inputMode="url"
          dir="ltr"
          hint={
            draft.url !== '' && isAllowedExternalUrl(draft.url) ? (
              <button type="button" onClick={() => void openUrl(draft.url)}>
                {t('source.openUrl')}
              </button>
            ) : undefined
          }
        />
        <DateInput {...editor.text('publishedAt')} />
        <DateInput {...editor.text('capturedAt')} />
        <datalist id="source-languages">
          {COMMON_SOURCE_LANGUAGES.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
        <TextField
          {...editor.text('language')}
          dir="ltr"
          list="source-languages"
          hint={t('source.languageHint')}
        />
      </section>
      <section aria-labelledby="sec-grade">
        <h2 id="sec-grade">{t('source.sectionGrade')}</h2>
        <SelectField
          label={t('fieldName.reliability')}
          value={draft.reliability}
          options={[
            { value: '', label: t('common.notSet') },
            ...RELIABILITY_GRADES.map((g) => ({
              value: g,
              label: `${g} — ${t(`vocab.reliability.${g}`)}`,
            })),
          ]}
          onChange={set('reliability')}
          error={errorOf('reliability')}
        />
        <SelectField
          label={t('fieldName.credibility')}
          value={draft.credibility}
          options={[
            { value: '', label: t('common.notSet') },
            ...CREDIBILITY_GRADES.map((g) => ({
              value: String(g),
              label: `${g} — ${t(`vocab.credibility.${g}`)}`,
            })),
          ]}
          onChange={set('credibility')}
          error={errorOf('credibility')}
        />
      </section>
      <section aria-labelledby="sec-text" className="wide">
        <h2 id="sec-text">{t('source.sectionText')}</h2>
        <TextArea {...editor.text('excerpt')} rows={5} />
        <TextArea {...editor.text('fullText')} rows={10} />
      </section>
    </RecordEditorFrame>
  );
}
