/**
 * The merge core: what a record is, given every change set any replica has made to it.
 *
 * Per field, the change with the latest hybrid logical clock wins (the device id inside the clock
 * breaks ties, so every replica picks the same winner). A change also names the versions it
 * replaced (`base`: per field, the clocks of the values its writer saw). A version that no change
 * replaced is a *head*; a field with more than one head was edited concurrently, and that is a
 * conflict: the winner is shown, the other heads stay retrievable until a change replaces them
 * (which is how a conflict is resolved — by a change that travels like any other). An edit made
 * without seeing the other side replaces only what its writer saw, so two people editing one
 * field offline, each several times, still end in a conflict, never in a silent loss.
 *
 * Every result here is a function of the *set* of change sets, so merging is commutative,
 * associative and idempotent: bundles may arrive in any order, twice, or not at all, and two
 * replicas that have seen the same changes show the same record. Pure: no clock, no I/O.
 */
import { jsonEqual } from '../util/canonicalJson.ts';
import { DELETED_FIELD, type ChangeSet } from './changes.ts';

/** One candidate value of a field and who wrote it. */
export interface FieldVersion {
  value: unknown;
  hlc: string;
  device: string;
  author: string;
}

export interface FieldConflict {
  field: string;
  /** Every head, latest clock first; the first is the value the record shows. */
  versions: FieldVersion[];
}

export interface MergedRecord {
  /** Winning value of each field ever written (the `deleted` tombstone excluded). */
  fields: Record<string, unknown>;
  /** Clock of each field's winning value. */
  clocks: Record<string, string>;
  created: string;
  updated: string;
  deleted: boolean;
  /**
   * Fields with more than one unreplaced version, sorted by field name; a conflict to resolve
   * when their values differ (isConflict).
   */
  conflicts: FieldConflict[];
}

interface FieldState {
  /**
   * The winning unreplaced version — latest clock — kept inline (clock, value, change set), as
   * almost every field has exactly one; `hlc` is '' while the field has none.
   */
  hlc: string;
  value: unknown;
  change: ChangeSet | undefined;
  /** What only a conflict, a version replaced before it arrived, or a legacy change needs. */
  rare: RareState | undefined;
}

interface RareState {
  readonly field: string;
  /** Every unreplaced version by clock, once there are several (a conflict). */
  heads: Map<string, ChangeSet> | undefined;
  /** Clocks of versions some change replaced before they arrived here. */
  pending: Set<string> | undefined;
  /** Versions older than this were replaced by a change without `base` (written before it). */
  replacedBelow: string;
}

function rareOf(state: FieldState, field: string): RareState {
  return (state.rare ??= { field, heads: undefined, pending: undefined, replacedBelow: '' });
}

/**
 * Incremental form of the merge, for applying changes as they arrive, in any order, each change
 * set once (its clock is its id: callers skip the ones they hold; mergeRecord does). Each change
 * costs a constant amount of work per field it writes (plus its `base` entries), whatever the
 * order, so a hostile history of many concurrent versions cannot make merging quadratic (only a
 * change that replaces the winner of a field with several versions looks at the others); a field
 * with one version (almost every field) keeps nothing but that version.
 */
export class RecordMerge {
  private readonly state = new Map<string, FieldState>();
  private created = '';
  private updated = '';

  constructor(changes: Iterable<ChangeSet> = []) {
    for (const change of changes) this.add(change);
  }

  add(change: ChangeSet): void {
    const { hlc, base } = change;
    if (hlc > this.updated) this.updated = hlc;
    if (hlc < this.created || this.created === '') this.created = hlc;
    const values = change.fields as Record<string, unknown>;
    for (const field in values) {
      let state = this.state.get(field);
      if (state === undefined) {
        state = { hlc: '', value: undefined, change: undefined, rare: undefined };
        this.state.set(field, state);
      }
      if (base !== undefined) {
        const replaced = base[field];
        if (replaced !== undefined) {
          for (let i = 0; i < replaced.length; i++) {
            const r = replaced[i]!;
            if (state.rare === undefined && r === state.hlc && r !== '') {
              // the common case: the one version there is, replaced
              state.hlc = '';
              state.value = undefined;
              state.change = undefined;
            } else if (!drop(state, r)) {
              // A version not here yet is remembered, so it is not taken for a head if it comes.
              (rareOf(state, field).pending ??= new Set()).add(r);
            }
          }
        }
      } else if (hlc > (state.rare?.replacedBelow ?? '')) dropBelow(state, field, hlc);
      const rare = state.rare;
      if (rare === undefined) {
        if (state.hlc === '') {
          state.hlc = hlc;
          state.value = values[field];
          state.change = change;
          continue;
        }
      } else if (hlc < rare.replacedBelow || (rare.pending !== undefined && rare.pending.has(hlc)))
        continue;
      insert(state, field, change, values[field]);
    }
  }

  /** Whether any change set has been added. */
  get empty(): boolean {
    return this.created === '';
  }

  result(): MergedRecord {
    const fields: Record<string, unknown> = {};
    const clocks: Record<string, string> = {};
    let deleted = false;
    let conflicts: FieldConflict[] | undefined;
    for (const [field, state] of this.state) {
      const { hlc } = state;
      if (hlc === '') continue; // every version of the field was seen and replaced
      if (field === DELETED_FIELD) {
        deleted = state.value === true;
        continue;
      }
      fields[field] = state.value;
      clocks[field] = hlc;
      const heads = state.rare?.heads;
      if (heads !== undefined)
        (conflicts ??= []).push({ field, versions: versionsOf(heads, field) });
    }
    if (conflicts === undefined) conflicts = [];
    else if (conflicts.length > 1)
      conflicts.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
    return { fields, clocks, created: this.created, updated: this.updated, deleted, conflicts };
  }
}

function insert(state: FieldState, field: string, change: ChangeSet, value: unknown): void {
  const { hlc } = change;
  const heads = state.rare?.heads;
  if (heads !== undefined) {
    if (heads.has(hlc)) return;
    heads.set(hlc, change);
  } else if (state.hlc === '') {
    win(state, change, value);
    return;
  } else if (state.hlc !== hlc) {
    rareOf(state, field).heads = new Map([
      [state.hlc, state.change!],
      [hlc, change],
    ]);
  }
  if (hlc > state.hlc) win(state, change, value);
}

/** Drop the version `hlc` from the heads; whether it was one. */
function drop(state: FieldState, hlc: string): boolean {
  const heads = state.rare?.heads;
  if (heads === undefined) {
    if (state.hlc !== hlc || hlc === '') return false;
    state.hlc = '';
    state.value = undefined;
    state.change = undefined;
    return true;
  }
  if (!heads.delete(hlc)) return false;
  const rare = state.rare!;
  if (heads.size === 1) rare.heads = undefined;
  if (hlc === state.hlc) {
    // The winner went: the latest of the others wins.
    let latest: ChangeSet | undefined;
    for (const c of heads.values()) if (latest === undefined || c.hlc > latest.hlc) latest = c;
    win(state, latest!, (latest!.fields as Record<string, unknown>)[rare.field]);
  }
  return true;
}

function dropBelow(state: FieldState, field: string, hlc: string): void {
  rareOf(state, field).replacedBelow = hlc;
  // Legacy histories come from one device in order, so there is rarely much to drop.
  const heads = state.rare!.heads;
  const older = heads
    ? [...heads.keys()].filter((h) => h < hlc)
    : state.hlc !== '' && state.hlc < hlc
      ? [state.hlc]
      : [];
  for (const h of older) drop(state, h);
}

function win(state: FieldState, change: ChangeSet, value: unknown): void {
  state.hlc = change.hlc;
  state.value = value;
  state.change = change;
}

/** Every head of a field, latest clock first. */
function versionsOf(heads: Map<string, ChangeSet>, field: string): FieldVersion[] {
  const versions: FieldVersion[] = [];
  for (const change of heads.values()) {
    const value = (change.fields as Record<string, unknown>)[field];
    versions.push({ value, hlc: change.hlc, device: change.device, author: change.author });
  }
  return versions.sort(byClockDescending);
}

/**
 * Whether unreplaced versions of a field disagree, so a person must choose. Two devices that
 * wrote the same value (the same pair linked on both) agree: the versions are kept (an edit
 * replaces every version showing the value it replaced) but there is nothing to resolve.
 */
export function isConflict(versions: readonly FieldVersion[]): boolean {
  if (versions.length < 2) return false;
  const first = versions[0]!.value;
  return versions.some((v) => !jsonEqual(v.value, first));
}

/** Merge every change set of one record, in any order, with duplicates. */
export function mergeRecord(changes: Iterable<ChangeSet>): MergedRecord {
  const merge = new RecordMerge();
  const seen = new Set<string>();
  for (const change of changes) {
    if (seen.has(change.hlc)) continue;
    seen.add(change.hlc);
    merge.add(change);
  }
  return merge.result();
}

/** Union of two sets of change sets by clock (a clock is a change set's id). */
export function unionChanges(a: readonly ChangeSet[], b: readonly ChangeSet[]): ChangeSet[] {
  const byHlc = new Map<string, ChangeSet>();
  for (const change of a) byHlc.set(change.hlc, change);
  for (const change of b) if (!byHlc.has(change.hlc)) byHlc.set(change.hlc, change);
  return [...byHlc.values()].sort((x, y) => (x.hlc < y.hlc ? -1 : x.hlc > y.hlc ? 1 : 0));
}

function byClockDescending(a: { hlc: string }, b: { hlc: string }): number {
  return a.hlc < b.hlc ? 1 : a.hlc > b.hlc ? -1 : 0;
}
