/**
 * What every record editor shares: the loading and not-found states, the heading with the save
 * status, "Back" and "Delete", and the form that saves at once on Enter. Editors supply the
 * form's sections and the panels below it.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useUi } from '../../state/uiStore.ts';
import { ConflictNotice } from '../conflicts/ConflictNotice.tsx';
import { SaveStatusLine } from './SaveStatusLine.tsx';
import { useDeleteRecord } from './useDeleteRecord.ts';
import type { SaveStatus } from './useRecordEditor.ts';

interface Props {
  kind: 'incident' | 'source';
  /** The id the view was opened with (null for a new record). */
  requestedId: string | null;
  editor: {
    recordId: string | null;
    stored: unknown;
    status: SaveStatus;
    saveError: string | null;
    flush: () => Promise<unknown>;
  };
  title: string;
  /** Shown below the form once the record exists; `beforeSave` until then. */
  panels: (recordId: string) => ReactNode;
  beforeSave: string;
  children: ReactNode;
}

export function RecordEditorFrame({
  kind,
  requestedId,
  editor,
  title,
  panels,
  beforeSave,
  children,
}: Props) {
  const { t } = useTranslation();
  const navigate = useUi((s) => s.navigate);
  const remove = useDeleteRecord(kind);
  if (requestedId !== null && editor.stored === undefined) {
    return <p role="status">{t('common.loading')}</p>;
  }
  if (requestedId !== null && editor.stored === null) {
    return <p role="alert">{t(`${kind}.notFound`)}</p>;
  }
  const titleId = `${kind}-editor-title`;
  return (
    <article className="editor" aria-labelledby={titleId}>
      <header className="editor-header">
        <h1 id={titleId}>{title || t(`${kind}.untitled`)}</h1>
        <SaveStatusLine status={editor.status} error={editor.saveError} />
        <div className="row">
          <button
            type="button"
            onClick={() => navigate({ view: kind === 'incident' ? 'incidents' : 'sources' })}
          >
            {t(`${kind}.backToList`)}
          </button>
          {editor.recordId ? (
            <button
              type="button"
              className="danger"
              onClick={() => void remove(editor.recordId!, title)}
            >
              {t(`${kind}.delete`)}
            </button>
          ) : null}
        </div>
      </header>
      {editor.recordId ? <ConflictNotice kind={kind} id={editor.recordId} /> : null}
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void editor.flush();
        }}
        noValidate
      >
        {children}
      </form>
      {editor.recordId ? panels(editor.recordId) : <p className="hint">{beforeSave}</p>}
    </article>
  );
}
