/**
 * Starting a thread: what it is about (the whole record, a field, or the passage just selected in
 * a text), its kind — comment, question, suggested correction, flag — and what the reviewer says.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ANNOTATION_TYPES,
  type AnnotatableKind,
  type AnnotationType,
} from '../../../shared/domain/annotation.ts';
import { anchorOf } from '../../../shared/review/textAnchor.ts';
import { useData } from '../../app/appContext.ts';
import { useUi } from '../../state/uiStore.ts';
import { fieldLabel } from '../conflicts/fieldLabel.ts';

/** A passage chosen in one of the record's texts. */
export interface ChosenPassage {
  field: string;
  text: string;
  start: number;
  end: number;
}

interface Props {
  kind: AnnotatableKind;
  id: string;
  /** The fields a thread can be about. */
  fields: readonly string[];
  passage: ChosenPassage | null;
  onClearPassage: () => void;
}

export function NewAnnotationForm({ kind, id, fields, passage, onClearPassage }: Props) {
  const { t } = useTranslation();
  const data = useData();
  const announce = useUi((s) => s.announce);
  const pushUndo = useUi((s) => s.pushUndo);
  const [field, setField] = useState('');
  const [type, setType] = useState<AnnotationType>('comment');
  const [body, setBody] = useState('');
  const [suggestion, setSuggestion] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    try {
      const anchor = passage ? anchorOf(passage.text, passage.start, passage.end) : undefined;
      const { result } = await data.review.annotate(
        { kind, id, field: passage ? passage.field : field },
        type,
        body,
        {
          ...(anchor ? { anchor } : {}),
          ...(type === 'correction' ? { suggestion } : {}),
        },
      );
      pushUndo({ label: 'undo.annotate', ops: result.undo });
      announce(t('review.added'));
      setBody('');
      setSuggestion('');
      setError(null);
      onClearPassage();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <form
      className="new-annotation"
      aria-label={t('review.new.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {passage ? (
        <div className="chosen-passage">
          <p>{t('review.new.passageOf', { field: fieldLabel(t, passage.field) })}</p>
          <blockquote dir="auto">
            <bdi>{passage.text.slice(passage.start, passage.end)}</bdi>
          </blockquote>
          <button type="button" onClick={onClearPassage}>
            {t('review.new.clearPassage')}
          </button>
        </div>
      ) : (
        <label>
          {t('review.new.about')}
          <select value={field} onChange={(e) => setField(e.target.value)}>
            <option value="">{t('review.about.record')}</option>
            {fields.map((f) => (
              <option key={f} value={f}>
                {fieldLabel(t, f)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('review.new.type')}
        <select value={type} onChange={(e) => setType(e.target.value as AnnotationType)}>
          {ANNOTATION_TYPES.map((k) => (
            <option key={k} value={k}>
              {t(`review.type.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('review.new.body')}
        <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={3} dir="auto" />
      </label>
      {type === 'correction' ? (
        <label>
          {t('review.new.suggestion')}
          <textarea
            value={suggestion}
            onChange={(e) => setSuggestion(e.target.value)}
            rows={2}
            dir="auto"
          />
        </label>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
      <button type="submit" disabled={body.trim() === ''}>
        {t('review.new.submit')}
      </button>
    </form>
  );
}
