/**
 * Actors and places: the team's shared names, with aliases in every script researchers meet
 * ("ISKP", "ISIS-K", "داعش خراسان"). Incidents match typed names against them.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLive } from '../../app/appContext.ts';
import { TextArea, TextField } from '../../components/fields.tsx';
import { LocationFields } from '../editing/LocationFields.tsx';
import { SaveStatusLine } from '../editing/SaveStatusLine.tsx';
import { useRecordEditor } from '../editing/useRecordEditor.ts';
import { actorCodec, EMPTY_ACTOR, EMPTY_PLACE, placeCodec } from './vocabularyDrafts.ts';

type Selection = { kind: 'actor' | 'place'; id: string | null; session: number } | null;

export function VocabularyView() {
  const { t } = useTranslation();
  const actors = useLive((d) => d.all('actor'), []);
  const places = useLive((d) => d.all('place'), []);
  const [selected, setSelected] = useState<Selection>(null);
  const select = (kind: 'actor' | 'place', id: string | null) =>
    setSelected((s) => ({ kind, id, session: (s?.session ?? 0) + 1 }));

  return (
    <section className="vocabulary" aria-labelledby="vocabulary-title">
      <h1 id="vocabulary-title">{t('nav.vocabulary')}</h1>
      <div className="vocabulary-grid">
        <div>
          <NameList kind="actor" entries={actors} onSelect={(id) => select('actor', id)} />
          <NameList kind="place" entries={places} onSelect={(id) => select('place', id)} />
        </div>
        <div>
          {selected?.kind === 'actor' ? (
            <ActorEditor
              key={selected.session}
              id={selected.id}
              onCreated={(id) => setSelected({ ...selected, id })}
            />
          ) : null}
          {selected?.kind === 'place' ? (
            <PlaceEditor
              key={selected.session}
              id={selected.id}
              onCreated={(id) => setSelected({ ...selected, id })}
            />
          ) : null}
          {selected === null ? <p className="hint">{t('vocabulary.intro')}</p> : null}
        </div>
      </div>
    </section>
  );
}

/** One vocabulary's names, alphabetically, with their aliases; choosing one opens it. */
function NameList({
  kind,
  entries,
  onSelect,
}: {
  kind: 'actor' | 'place';
  entries: { id: string; name: string; aliases: string[] }[] | undefined;
  onSelect: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const sorted = [...(entries ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const titleId = `${kind}s-title`;
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>{t(`vocabulary.${kind}s`)}</h2>
      <ul className="plain-list">
        {sorted.map((entry) => (
          <li key={entry.id}>
            <button type="button" className="link-button" onClick={() => onSelect(entry.id)}>
              {entry.name}
            </button>
            {entry.aliases.length > 0 ? (
              <span className="hint"> — {entry.aliases.join(', ')}</span>
            ) : null}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => onSelect(null)}>
        {t(kind === 'actor' ? 'vocabulary.newActor' : 'vocabulary.newPlace')}
      </button>
    </section>
  );
}

function ActorEditor({ id, onCreated }: { id: string | null; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const editor = useRecordEditor({
    kind: 'actor',
    id,
    empty: EMPTY_ACTOR,
    codec: actorCodec,
    onCreated,
    undoLabel: { create: 'undo.createActor', edit: 'undo.editActor' },
  });
  return (
    <section className="editor-panel" aria-labelledby="actor-editor-title">
      <h2 id="actor-editor-title">{editor.draft.name || t('vocabulary.newActor')}</h2>
      <SaveStatusLine status={editor.status} error={editor.saveError} />
      <TextField {...editor.text('name')} />
      <TextField {...editor.text('aliases')} hint={t('vocabulary.aliasesHint')} />
      <TextArea {...editor.text('description')} rows={3} />
    </section>
  );
}

function PlaceEditor({ id, onCreated }: { id: string | null; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const editor = useRecordEditor({
    kind: 'place',
    id,
    empty: EMPTY_PLACE,
    codec: placeCodec,
    onCreated,
    undoLabel: { create: 'undo.createPlace', edit: 'undo.editPlace' },
  });
  const set = editor.field;
  const { draft, errorOf } = editor;
  return (
    <section className="editor-panel" aria-labelledby="place-editor-title">
      <h2 id="place-editor-title">{draft.name || t('vocabulary.newPlace')}</h2>
      <SaveStatusLine status={editor.status} error={editor.saveError} />
      <TextField {...editor.text('name')} />
      <TextField {...editor.text('aliases')} hint={t('vocabulary.aliasesHint')} />
      <LocationFields draft={draft} field={set} errorOf={errorOf} />
    </section>
  );
}
