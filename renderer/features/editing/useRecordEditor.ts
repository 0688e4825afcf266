/**
 * Autosaving record editor. The form edits a draft (numbers as typed text, so "91" or "abc" can
 * be shown back with a message); the draft is validated on every change and, once valid, saved
 * after a short pause — or at once when the editor closes. An invalid draft is never written:
 * the user sees why, and the stored record keeps its last valid state.
 *
 * Saves are serialised: a new record is created once, and later edits update it. Each save
 * pushes an undo entry. When the stored record changes underneath (undo, another window), a
 * draft without unsaved edits follows it; a draft with unsaved edits is kept.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  validateRecord,
  type RecordFieldsByKind,
  type RecordKind,
  type StoredRecord,
} from '../../../shared/domain/records.ts';
import { diffFields } from '../../../shared/sync/changes.ts';
import { canonicalJson } from '../../../shared/util/canonicalJson.ts';
import { useTranslation } from 'react-i18next';
import { useData } from '../../app/appContext.ts';
import { DraftHolder } from './draftHolder.ts';
import { useUi } from '../../state/uiStore.ts';

export interface DraftCodec<K extends RecordKind, D> {
  toDraft: (fields: RecordFieldsByKind[K]) => D;
  /** The candidate record; may be invalid (validation says why). */
  fromDraft: (draft: D) => unknown;
}

/** The draft's fields that hold text (or text standing for a number, a date, a list). */
type TextKey<D> = { [K in keyof D]: D[K] extends string ? K : never }[keyof D] & string;

export type SaveStatus = 'new' | 'pending' | 'saved' | 'saving' | 'invalid' | 'failed';

const AUTOSAVE_DELAY_MS = 400;

export function fieldsOf<K extends RecordKind>(record: StoredRecord<K>): RecordFieldsByKind[K] {
  const { id: _id, created: _created, updated: _updated, ...fields } = record;
  return fields as unknown as RecordFieldsByKind[K];
}

export function useRecordEditor<K extends RecordKind, D>(options: {
  kind: K;
  id: string | null;
  empty: RecordFieldsByKind[K];
  codec: DraftCodec<K, D>;
  onCreated: (id: string) => void;
  undoLabel: { create: string; edit: string };
}) {
  const { kind, codec } = options;
  const data = useData();
  const { t } = useTranslation();
  const pushUndo = useUi((s) => s.pushUndo);

  const [draft, setDraft] = useState<D>(() => codec.toDraft(options.empty));
  const [recordId, setRecordId] = useState(options.id);
  /** The stored record: undefined while loading, null when there is none. */
  const [stored, setStored] = useState<StoredRecord<K> | null | undefined>(
    options.id ? undefined : null,
  );
  /** Canonical JSON of what is stored (or of the empty form for a new record). */
  const [savedJson, setSavedJson] = useState(() =>
    canonicalJson(codec.fromDraft(codec.toDraft(options.empty))),
  );
  const [phase, setPhase] = useState<'idle' | 'saving' | 'failed'>('idle');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());

  // Mirrors for the asynchronous save path, which must see the latest values.
  const idRef = useRef(options.id);
  const savedRef = useRef(savedJson);
  /** The draft as typed, ahead of React's state (see draftHolder.ts). */
  const [drafts] = useState(() => new DraftHolder(draft, (d) => canonicalJson(codec.fromDraft(d))));
  /**
   * The stored fields the draft was last taken from. A save writes only what the person changed
   * from these, so a teammate's edit imported meanwhile is not overwritten by a stale field.
   */
  const baseRef = useRef<Record<string, unknown> | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const candidate = useMemo(() => codec.fromDraft(draft), [codec, draft]);
  const candidateJson = useMemo(() => canonicalJson(candidate), [candidate]);
  const validation = useMemo(() => validateRecord(kind, candidate), [kind, candidate]);

  const markSaved = useCallback((json: string) => {
    savedRef.current = json;
    setSavedJson(json);
  }, []);

  // Follow the stored record while the draft has no unsaved edits.
  useEffect(() => {
    if (recordId === null) return;
    return data.watch(
      () => data.get(kind, recordId),
      (record) => {
        setStored(record ?? null);
        if (!record) return;
        const storedDraft = codec.toDraft(fieldsOf(record));
        const storedJson = canonicalJson(codec.fromDraft(storedDraft));
        if (drafts.follow(storedDraft, savedRef.current)) {
          setDraft(storedDraft);
          baseRef.current = codec.fromDraft(storedDraft) as Record<string, unknown>;
        }
        markSaved(storedJson);
      },
    );
  }, [data, kind, codec, recordId, markSaved, drafts]);

  const save = useCallback(
    (next: D) => {
      const result = validateRecord(kind, codec.fromDraft(next));
      if (!result.ok) return queue.current;
      const json = canonicalJson(result.value);
      queue.current = queue.current.then(async () => {
        if (json === savedRef.current) return;
        setPhase('saving');
        try {
          if (idRef.current === null) {
            const { id, result: written } = await data.create(kind, result.value);
            idRef.current = id;
            markSaved(json);
            setRecordId(id);
            pushUndo({ label: options.undoLabel.create, ops: written.undo });
            options.onCreated(id);
          } else {
            const changed = (
              baseRef.current
                ? diffFields(baseRef.current, result.value as Record<string, unknown>)
                : result.value
            ) as Partial<typeof result.value>;
            const written = await data.update(kind, idRef.current, changed);
            markSaved(json);
            if (written.undo.length > 0)
              pushUndo({ label: options.undoLabel.edit, ops: written.undo });
          }
          setSaveError(null);
          setPhase('idle');
        } catch (error) {
          setSaveError(error instanceof Error ? error.message : String(error));
          setPhase('failed');
        }
      });
      return queue.current;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- options' callbacks are read at call time
    [data, kind, codec, pushUndo, markSaved],
  );

  const dirty = candidateJson !== savedJson;

  // Autosave a valid, changed draft after a pause.
  useEffect(() => {
    if (!dirty || !validation.ok) return;
    const timer = setTimeout(() => void save(draft), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, dirty, validation, save]);

  // Closing the editor saves what is valid at once rather than dropping it.
  useEffect(() => () => void save(drafts.draft), [save, drafts]);

  const issues = useMemo(() => {
    const byField = new Map<string, string>();
    if (!validation.ok)
      for (const issue of validation.issues)
        if (!byField.has(issue.field)) byField.set(issue.field, issue.message);
    return byField;
  }, [validation]);

  const update = useCallback(
    (field: string, patch: (draft: D) => D) => {
      setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));
      setDraft(drafts.edit(patch));
    },
    [drafts],
  );

  /** A setter for one top-level field of the draft, for a form control's onChange. */
  const field = useCallback(
    <F extends keyof D & string>(name: F) =>
      (value: D[F]) =>
        update(name, (d) => ({ ...d, [name]: value })),
    [update],
  );

  /** The message to show for a field: only once the person has touched it. */
  const errorOf = useCallback(
    (field: string) => (touched.has(field.split('.')[0]!) ? issues.get(field) : undefined),
    [issues, touched],
  );

  /** Everything a text control needs for one field: its label, value, setter and message. */
  const text = <F extends TextKey<D>>(name: F) => ({
    label: t(`fieldName.${name}`),
    value: draft[name] as string,
    onChange: field(name) as (value: string) => void,
    error: errorOf(name),
  });

  const status: SaveStatus =
    phase === 'saving'
      ? 'saving'
      : phase === 'failed'
        ? 'failed'
        : !dirty
          ? recordId === null
            ? 'new'
            : 'saved'
          : validation.ok
            ? 'pending'
            : 'invalid';

  return {
    draft,
    update,
    field,
    text,
    errorOf,
    valid: validation.ok,
    status,
    saveError,
    recordId,
    stored,
    flush: () => save(draft),
  };
}
