/**
 * The one write path for records. A write is a list of operations applied in one IndexedDB
 * transaction: every operation is validated first, then each record's new state and the change
 * set that produced it are stored together, so the history and the records can never disagree
 * and an invalid operation leaves the database untouched.
 *
 * Each write returns the operations that undo it; undoing is itself a write, recorded in the
 * history like any other (the history is append-only).
 */
import {
  hasEveryField,
  IMMUTABLE_FIELDS,
  RecordValidationError,
  withLaterFields,
  validateChangeFields,
  validateRecord,
  type ValidationIssue,
  type RecordFieldsByKind,
  type RecordKind,
  type StoredRecord,
} from '../../shared/domain/records.ts';
import { DELETED_FIELD, diffFields, type ChangeSet } from '../../shared/sync/changes.ts';
import { decodeHlc, encodeHlc, initialHlc, tick, type HlcState } from '../../shared/sync/hlc.ts';
import { mergeRecord } from '../../shared/sync/merge.ts';
import { jsonEqual } from '../../shared/util/canonicalJson.ts';
import {
  conflictId,
  RECORD_TABLES,
  recordKey,
  type ConflictRow,
  type DaftarDatabase,
} from './database.ts';
import { fromRow, toRow, type Row } from './rows.ts';

export type WriteOp<K extends RecordKind = RecordKind> = {
  [P in K]:
    | { type: 'create'; kind: P; id: string; fields: RecordFieldsByKind[P] }
    | {
        type: 'update';
        kind: P;
        id: string;
        fields: Partial<RecordFieldsByKind[P]>;
        /**
         * Per field, the versions this update replaces, when not the one the record shows now:
         * an undo replaces only what the write it undoes wrote.
         */
        replaces?: Record<string, string[]>;
        /** Fields written even when unchanged: a status step always says why (its reason). */
        rewrite?: readonly (keyof RecordFieldsByKind[P] & string)[];
      }
    | { type: 'delete'; kind: P; id: string }
    | { type: 'restore'; kind: P; id: string }
    /**
     * Write `field` replacing every version of a conflict on it — the ones the person was shown
     * (`replaces`), or all stored now: the conflict's resolution.
     */
    | {
        type: 'resolve';
        kind: P;
        id: string;
        field: keyof RecordFieldsByKind[P] & string;
        value: unknown;
        replaces?: string[];
      };
}[K];

export interface WriteResult {
  changes: ChangeSet[];
  /** Operations that undo this write, in the order to apply them. */
  undo: WriteOp[];
}

export interface StoreContext {
  device: string;
  author: string;
  /** Wall-clock time in ms; injected so tests control it. */
  now: () => number;
}

export interface WriteOptions {
  /**
   * Every id created by this write was just minted at random (DaftarData.newId), so it cannot
   * have a history and the lookup that guards against re-creating a deleted id is skipped. On a
   * bulk write that lookup costs about as much as a third of the puts.
   */
  freshIds?: boolean;
}

export interface ChunkedWriteOptions extends WriteOptions {
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export class RecordNotFoundError extends Error {
  constructor(
    readonly kind: RecordKind,
    readonly id: string,
  ) {
    super(`No ${kind} with id ${id}`);
    this.name = 'RecordNotFoundError';
  }
}

type AnyFields = Record<string, unknown>;
interface Working {
  kind: RecordKind;
  id: string;
  fields: AnyFields | null; // null: not live (never existed or deleted)
  /** Clock of each field's value where it differs from `created` (see rows.ts). */
  clocks: Record<string, string>;
  created: string | null;
  updated: string | null;
  /** Whether the record was live when this write started (decides bulkAdd vs put). */
  exists: boolean;
  /** Whether the store holds changes of this record (checked for creates only). */
  hadHistory: boolean;
  touched: boolean;
}

const key = (kind: RecordKind, id: string) => `${kind}\u0000${id}`;

export class RecordStore {
  private clock: HlcState;

  constructor(
    readonly db: DaftarDatabase,
    private context: StoreContext,
  ) {
    this.clock = initialHlc(context.device);
  }

  get device(): string {
    return this.context.device;
  }

  setAuthor(author: string): void {
    this.context = { ...this.context, author };
  }

  async write(ops: readonly WriteOp[], options: WriteOptions = {}): Promise<WriteResult> {
    if (ops.length === 0) return { changes: [], undo: [] };
    const tables = [...new Set(ops.map((op) => RECORD_TABLES[op.kind])), 'conflicts'];
    // The scope must itself be an async function: Dexie keeps its transaction zone across native
    // awaits only then (a plain arrow returning apply()'s promise commits too early).
    return this.db.transaction(
      'rw',
      [...tables, 'commits'],
      async () => await this.apply(ops, options),
    );
  }

  /** A long write in several transactions, with progress and cancellation between chunks. */
  async writeInChunks(ops: readonly WriteOp[], options: ChunkedWriteOptions = {}): Promise<number> {
    const size = options.chunkSize ?? 2_000;
    let done = 0;
    for (let start = 0; start < ops.length; start += size) {
      options.signal?.throwIfAborted();
      await this.write(ops.slice(start, start + size), options);
      done = Math.min(ops.length, start + size);
      options.onProgress?.(done, ops.length);
    }
    return done;
  }

  private async apply(ops: readonly WriteOp[], options: WriteOptions): Promise<WriteResult> {
    const working = await this.load(ops, options);
    const conflicts = await this.conflictsOf(ops);
    /** Conflict rows this write changed (deleted when no longer in `conflicts`). */
    const conflictsTouched = new Set<string>();
    let clock = await this.currentClock();
    const changes: ChangeSet[] = [];
    const undo: WriteOp[] = [];

    for (const op of ops) {
      const state = working.get(key(op.kind, op.id))!;
      let fields: AnyFields;
      let inverse: WriteOp;
      let base: Record<string, string[]> = {};
      switch (op.type) {
        case 'create': {
          if (state.fields !== null || state.created !== null || state.hadHistory) {
            throw new Error(`A ${op.kind} with id ${op.id} already exists or existed`);
          }
          fields = validated(op.kind, op.fields);
          inverse = { type: 'delete', kind: op.kind, id: op.id };
          break;
        }
        case 'update': {
          if (state.fields === null) throw new RecordNotFoundError(op.kind, op.id);
          const next = validatedEdit(op.kind, state.fields, op.fields);
          fields = diffFields(state.fields, next);
          if (Object.keys(fields).length === 0) continue;
          for (const field of op.rewrite ?? []) fields[field] = next[field];
          refuseImmutable(op.kind, fields);
          base = {
            ...replacedVersions(state, Object.keys(fields), conflicts),
            ...pick(op.replaces, fields),
          };
          inverse = previousOf(state, fields);
          break;
        }
        case 'resolve': {
          if (state.fields === null) throw new RecordNotFoundError(op.kind, op.id);
          const next = validatedEdit(op.kind, state.fields, { [op.field]: op.value });
          fields = { [op.field]: next[op.field] };
          refuseImmutable(op.kind, fields);
          const conflict = conflicts.get(conflictId(op.kind, op.id, op.field));
          base = op.replaces
            ? { [op.field]: op.replaces }
            : conflict
              ? { [op.field]: conflict.versions.map((v) => v.hlc) }
              : replacedVersions(state, [op.field], conflicts);
          inverse = previousOf(state, fields);
          break;
        }
        case 'delete': {
          if (state.fields === null) continue;
          fields = { [DELETED_FIELD]: true };
          inverse = { type: 'restore', kind: op.kind, id: op.id };
          break;
        }
        case 'restore': {
          if (state.fields !== null) continue;
          // The stored history plus what this write already did to the record.
          const history = [
            ...(await this.history(op.kind, op.id)),
            ...changes.filter((c) => c.kind === op.kind && c.recordId === op.id),
          ];
          if (history.length === 0) throw new RecordNotFoundError(op.kind, op.id);
          const merged = mergeRecord(history);
          state.fields = restorable(op.kind, merged.fields);
          state.created = merged.created;
          state.clocks = merged.clocks;
          fields = { [DELETED_FIELD]: false };
          inverse = { type: 'delete', kind: op.kind, id: op.id };
          break;
        }
      }
      clock = tick(clock, this.context.now());
      const hlc = encodeHlc(clock);
      changes.push({
        hlc,
        kind: op.kind,
        recordId: op.id,
        device: this.context.device,
        author: this.context.author,
        fields,
        base,
      });
      // Undoing replaces what this write wrote — not a teammate's version imported meanwhile.
      if (inverse.type === 'update') {
        inverse.replaces = Object.fromEntries(Object.keys(fields).map((f) => [f, [hlc]]));
      }
      undo.unshift(inverse);
      if (op.type === 'update' || op.type === 'resolve') {
        for (const field of Object.keys(fields)) {
          state.clocks[field] = hlc;
          const id = conflictId(op.kind, op.id, field);
          const conflict = conflicts.get(id);
          if (!conflict) continue;
          // The new version, and every other version this write did not replace.
          const replaced = new Set(base[field] ?? []);
          const versions = [
            { value: fields[field], hlc, device: this.context.device, author: this.context.author },
            ...conflict.versions.filter((v) => !replaced.has(v.hlc)),
          ];
          if (versions.length < 2) conflicts.delete(id);
          else conflicts.set(id, { ...conflict, versions });
          conflictsTouched.add(id);
        }
      }
      if (op.type === 'delete') state.fields = null;
      else if (op.type === 'create') state.fields = fields;
      else if (op.type === 'update' || op.type === 'resolve') {
        state.fields = { ...state.fields, ...fields };
      }
      state.created ??= hlc;
      state.touched = true;
      state.updated = hlc;
    }

    await this.persist(working, changes);
    for (const id of conflictsTouched) {
      const row = conflicts.get(id);
      if (row === undefined) await this.db.conflicts.delete(id);
      else await this.db.conflicts.put(row);
    }
    this.clock = clock;
    return { changes, undo };
  }

  /** Current live state of every record the ops touch; creates are checked by bulkAdd instead. */
  private async load(
    ops: readonly WriteOp[],
    options: WriteOptions,
  ): Promise<Map<string, Working>> {
    const working = new Map<string, Working>();
    const toRead = new Map<RecordKind, string[]>();
    for (const op of ops) {
      const k = key(op.kind, op.id);
      if (working.has(k)) continue;
      working.set(k, {
        kind: op.kind,
        id: op.id,
        fields: null,
        clocks: {},
        created: null,
        updated: null,
        exists: false,
        hadHistory: false,
        touched: false,
      });
      if (op.type !== 'create') toRead.set(op.kind, [...(toRead.get(op.kind) ?? []), op.id]);
    }
    // A created id must be new: one that has a history (a deleted record) is restored instead,
    // so its history and its stored state can never disagree.
    const created = ops.filter((op) => op.type === 'create').map((op) => recordKey(op.kind, op.id));
    if (created.length > 0 && !options.freshIds) {
      const keys = await this.db.commits.where('records').anyOf(created).keys();
      const had = new Set(keys.map(String));
      for (const state of working.values()) {
        if (had.has(recordKey(state.kind, state.id))) state.hadHistory = true;
      }
    }
    for (const [kind, ids] of toRead) {
      const rows = await this.db.tableOf(kind).bulkGet(ids);
      rows.forEach((row, i) => {
        if (!row) return;
        const state = working.get(key(kind, ids[i]!))!;
        const { id: _id, created, updated: _updated, ...fields } = fromRow(row);
        state.fields = fields;
        state.clocks = { ...row._clocks };
        state.created = created;
        state.exists = true;
      });
    }
    return working;
  }

  private async persist(working: Map<string, Working>, changes: ChangeSet[]): Promise<void> {
    const added = new Map<RecordKind, Row<RecordKind>[]>();
    const put = new Map<RecordKind, Row<RecordKind>[]>();
    const removed = new Map<RecordKind, string[]>();
    for (const state of working.values()) {
      if (!state.touched) continue;
      if (state.fields === null) {
        if (state.exists) removed.set(state.kind, [...(removed.get(state.kind) ?? []), state.id]);
        continue;
      }
      const record = {
        ...state.fields,
        id: state.id,
        created: state.created!,
        updated: state.updated!,
      } as StoredRecord<RecordKind>;
      const target = state.exists ? put : added;
      const list = target.get(state.kind) ?? [];
      list.push(toRow(state.kind, record, state.clocks));
      target.set(state.kind, list);
    }
    if (changes.length > 0) {
      await this.db.commits.add({
        hlc: changes[0]!.hlc,
        last: changes.at(-1)!.hlc,
        sets: changes,
        records: [...new Set(changes.map((c) => recordKey(c.kind, c.recordId)))],
      });
    }
    for (const [kind, rows] of added) await this.db.tableOf(kind).bulkAdd(rows);
    for (const [kind, rows] of put) await this.db.tableOf(kind).bulkPut(rows);
    for (const [kind, ids] of removed) await this.db.tableOf(kind).bulkDelete(ids);
  }

  /**
   * The clock to tick from: ours, or the latest stored change if another window of this profile
   * (same device id) wrote since — so two windows never produce the same clock value.
   */
  private async currentClock(): Promise<HlcState> {
    // The index key alone: the row itself (a whole chunk's changes) is not read, nor opened.
    const last = (await this.db.commits.orderBy('last').lastKey()) as string | undefined;
    if (last === undefined || last <= encodeHlc(this.clock)) return this.clock;
    const { wall, counter } = decodeHlc(last);
    return { ...this.clock, wall, counter };
  }

  /** Conflicts on the records that updates in `ops` touch. */
  private async conflictsOf(ops: readonly WriteOp[]): Promise<Map<string, ConflictRow>> {
    const keys = ops
      .filter((op) => op.type === 'update' || op.type === 'resolve')
      .map((op) => recordKey(op.kind, op.id));
    if (keys.length === 0) return new Map();
    const rows = await this.db.conflicts.where('record').anyOf(keys).toArray();
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Every change set of one record, oldest first. */
  async history(kind: RecordKind, id: string): Promise<ChangeSet[]> {
    const commits = await this.db.commits.where('records').equals(recordKey(kind, id)).toArray();
    return commits
      .flatMap((commit) => commit.sets)
      .filter((set) => set.kind === kind && set.recordId === id)
      .sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  }

  /** Every change set stored, oldest first (for tests and whole-database exports). */
  async allChanges(): Promise<ChangeSet[]> {
    return (await this.db.commits.orderBy('hlc').toArray()).flatMap((commit) => commit.sets);
  }
}

/**
 * The versions of each field this write replaces: the one the record shows — and, where devices
 * wrote that same value independently, each of those versions too (the writer saw that value).
 */
function replacedVersions(
  state: Working,
  fields: readonly string[],
  conflicts: Map<string, ConflictRow>,
): Record<string, string[]> {
  const base: Record<string, string[]> = {};
  for (const field of fields) {
    if (state.fields === null || !(field in state.fields)) continue;
    const versions = conflicts.get(conflictId(state.kind, state.id, field))?.versions;
    base[field] = versions
      ? versions.filter((v) => jsonEqual(v.value, versions[0]!.value)).map((v) => v.hlc)
      : [state.clocks[field] ?? state.created!];
  }
  return base;
}

/** The entries of `replaces` for the fields actually written. */
function pick(
  replaces: Record<string, string[]> | undefined,
  fields: AnyFields,
): Record<string, string[]> {
  if (!replaces) return {};
  return Object.fromEntries(Object.entries(replaces).filter(([f]) => Object.hasOwn(fields, f)));
}

function previousOf(state: Working, fields: AnyFields): WriteOp {
  const previous = Object.fromEntries(Object.keys(fields).map((f) => [f, state.fields![f]]));
  return { type: 'update', kind: state.kind, id: state.id, fields: previous } as WriteOp;
}

/**
 * The record after an edit, validated. Two teammates' valid edits can merge into a record that
 * breaks a rule between fields (one moved the start date, the other the end date); such a record
 * still takes any edit that does not make it worse — every field valid on its own, and no rule
 * broken that was not broken before — so it can be fixed, one field at a time.
 */
function validatedEdit(kind: RecordKind, current: AnyFields, patch: AnyFields): AnyFields {
  const result = validateRecord(kind, { ...current, ...patch });
  if (result.ok) return result.value as AnyFields;
  const before = validateRecord(kind, current);
  const known = new Set(before.ok ? [] : before.issues.map(issueKey));
  const own = validateChangeFields(kind, patch);
  if (!own.ok || result.issues.some((issue) => !known.has(issueKey(issue)))) {
    throw new RecordValidationError(kind, result.issues);
  }
  return { ...current, ...(own.value as AnyFields) };
}

/** A deleted record's fields, brought back as they were merged, each valid on its own. */
function restorable(kind: RecordKind, fields: AnyFields): AnyFields {
  const own = validateChangeFields(kind, fields);
  if (!own.ok || !hasEveryField(kind, fields)) {
    throw new RecordValidationError(kind, own.ok ? [] : own.issues);
  }
  return withLaterFields(kind, fields);
}

/** An edit of a field fixed when the record was made (what an annotation is about). */
function refuseImmutable(kind: RecordKind, fields: AnyFields): void {
  const fixed = (IMMUTABLE_FIELDS[kind] ?? []).filter((field) => Object.hasOwn(fields, field));
  if (fixed.length > 0) {
    throw new RecordValidationError(
      kind,
      fixed.map((field) => ({ field, message: 'validation.immutable' })),
    );
  }
}

const issueKey = (issue: ValidationIssue) => `${issue.field}\u0000${issue.message}`;

function validated(kind: RecordKind, fields: unknown): AnyFields {
  const result = validateRecord(kind, fields);
  if (!result.ok) throw new RecordValidationError(kind, result.issues);
  return result.value as AnyFields;
}
