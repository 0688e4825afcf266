/**
 * The edit steps of the multi-replica property tests (test/integration/convergence.test.ts,
 * teamSyncConvergence.test.ts): fast-check arbitraries for what a researcher does to the data on
 * one of three replicas — create, edit, delete and restore incidents and sources, link them,
 * attach files, annotate, reply, resolve and reopen threads, take verification steps, and two
 * replicas editing the same field of the same record before they meet (a conflict) — and
 * `applyEditStep`, which does one on a replica through DaftarData, as the app does.
 *
 * Each test picks the kinds it draws and their weights (`editStepArbitraries`) and adds its own
 * steps (delivering bundles, syncing, faults) to the same `fc.oneof`. The kinds keep one order
 * whatever is picked, so a logged seed draws the same schedule again.
 */
import fc from 'fast-check';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { emptySource } from '../../shared/domain/source.ts';
import {
  reviewStatusOf,
  STATUS_NEEDS_REASON,
  STATUS_STEPS,
} from '../../shared/domain/vocabulary.ts';
import type { Replica } from './replica.ts';

/** Texts in the scripts and line endings researchers use, and the empty one. */
export const TEXTS = [
  '',
  'حمله در کابل',
  'په کندهار کې چاودنه',
  'line one\r\nline two',
  '🙂 emoji',
  'A',
];
export const text = fc.constantFrom(...TEXTS);
/** One of the three replicas. */
export const who = fc.integer({ min: 0, max: 2 });

/** The incident fields an `edit` step may change. */
export type EditField = 'title' | 'notes' | 'tags' | 'fatalities';
export const EDIT_FIELDS: readonly EditField[] = ['title', 'notes', 'tags', 'fatalities'];

export type EditStep =
  | { type: 'createIncident'; r: number; title: string }
  | { type: 'createSource'; r: number; title: string }
  /** One field of one of the oldest two incidents, so replicas often edit the same one. */
  | { type: 'edit'; r: number; pick: number; field: EditField; value: string }
  /** Replica r and replica r + other (mod 3) retitle an incident both hold: a conflict. */
  | { type: 'clash'; r: number; other: number; a: string; b: string }
  /** Incompressible notes (about 12 KB), so a bundle takes several upload chunks. */
  | { type: 'big'; r: number; pick: number; salt: number }
  | { type: 'editSource'; r: number; pick: number; title: string }
  | { type: 'delete'; r: number; pick: number }
  | { type: 'restore'; r: number; pick: number }
  | { type: 'link'; r: number; pick: number; pick2: number }
  | { type: 'attach'; r: number; pick: number; byte: number }
  | { type: 'annotate'; r: number; pick: number; onSource: boolean; body: string }
  | { type: 'reply'; r: number; pick: number; body: string }
  | { type: 'threadState'; r: number; pick: number; resolved: boolean }
  | { type: 'status'; r: number; pick: number; onSource: boolean; step: number };
export type EditStepType = EditStep['type'];

/** Every kind, in the order their arbitraries are given to `fc.oneof`. */
export const EDIT_STEP_TYPES: readonly EditStepType[] = [
  'createIncident',
  'createSource',
  'edit',
  'clash',
  'big',
  'editSource',
  'delete',
  'restore',
  'link',
  'attach',
  'annotate',
  'reply',
  'threadState',
  'status',
];

function arbitraryOf(type: EditStepType, fields: readonly EditField[]): fc.Arbitrary<EditStep> {
  const kind = <T extends EditStepType>(t: T) => fc.constant(t);
  switch (type) {
    case 'createIncident':
    case 'createSource':
      return fc.record({ type: kind(type), r: who, title: text });
    case 'edit':
      return fc.record({
        type: kind(type),
        r: who,
        pick: fc.nat(),
        field: fc.constantFrom(...fields),
        value: text,
      });
    case 'clash':
      return fc.record({
        type: kind(type),
        r: who,
        other: fc.integer({ min: 1, max: 2 }),
        a: text,
        b: text,
      });
    case 'big':
      return fc.record({ type: kind(type), r: who, pick: fc.nat(), salt: fc.nat() });
    case 'editSource':
      return fc.record({ type: kind(type), r: who, pick: fc.nat(), title: text });
    case 'delete':
    case 'restore':
      return fc.record({ type: kind(type), r: who, pick: fc.nat() });
    case 'link':
      return fc.record({ type: kind(type), r: who, pick: fc.nat(), pick2: fc.nat() });
    case 'attach':
      return fc.record({ type: kind(type), r: who, pick: fc.nat(), byte: fc.nat(255) });
    case 'annotate':
      return fc.record({
        type: kind(type),
        r: who,
        pick: fc.nat(),
        onSource: fc.boolean(),
        body: text,
      });
    case 'reply':
      return fc.record({ type: kind(type), r: who, pick: fc.nat(), body: text });
    case 'threadState':
      return fc.record({ type: kind(type), r: who, pick: fc.nat(), resolved: fc.boolean() });
    case 'status':
      return fc.record({
        type: kind(type),
        r: who,
        pick: fc.nat(),
        onSource: fc.boolean(),
        step: fc.nat(),
      });
  }
}

/**
 * The weighted arbitraries of the kinds given a weight above 0, for `fc.oneof`; an `edit` step
 * changes one of `fields`.
 */
export function editStepArbitraries(
  weights: Partial<Record<EditStepType, number>>,
  fields: readonly EditField[] = EDIT_FIELDS,
): fc.WeightedArbitrary<EditStep>[] {
  return EDIT_STEP_TYPES.flatMap((type) => {
    const weight = weights[type] ?? 0;
    return weight > 0 ? [{ weight, arbitrary: arbitraryOf(type, fields) }] : [];
  });
}

/** Incompressible notes, so a bundle takes several upload chunks. */
export function bigNotes(salt: number): string {
  let x = (salt % 2_147_483_646) + 1;
  let out = '';
  for (let i = 0; i < 12_000; i++) {
    x = (x * 48_271) % 2_147_483_647;
    out += String.fromCharCode(0x21 + (x % 90));
  }
  return out;
}

export async function liveIds(r: Replica, kind: 'incident' | 'source'): Promise<string[]> {
  return (await r.data.all(kind)).map((x) => x.id).sort();
}

/** Live annotations in id order; `roots`: only the first of each thread. */
async function annotations(r: Replica, roots = false) {
  const all = (await r.data.all('annotation')).sort((a, b) => (a.id < b.id ? -1 : 1));
  return roots ? all.filter((a) => a.replyTo === null) : all;
}

async function historyIds(r: Replica, kind: 'incident' | 'source'): Promise<string[]> {
  const changes = await r.data.store.allChanges();
  return [...new Set(changes.filter((c) => c.kind === kind).map((c) => c.recordId))].sort();
}

const today = '2025-03-01';

/**
 * Does `step` on `group[step.r]` (a step that finds nothing to act on does nothing). The
 * replica's clock moves `clockStepMs` first; for a clash, both replicas' clocks move, and only
 * if they hold an incident in common.
 */
export async function applyEditStep(
  group: readonly Replica[],
  step: EditStep,
  clockStepMs = 0,
): Promise<void> {
  const r = group[step.r]!;
  if (step.type === 'clash') {
    const other = group[(step.r + step.other) % group.length]!;
    const theirs = new Set(await liveIds(other, 'incident'));
    const id = (await liveIds(r, 'incident')).find((x) => theirs.has(x));
    if (id === undefined) return;
    r.clock.now += clockStepMs;
    other.clock.now += clockStepMs;
    await r.data.update('incident', id, { title: step.a || 'one' });
    await other.data.update('incident', id, { title: step.b || 'other' });
    return;
  }
  r.clock.now += clockStepMs;
  switch (step.type) {
    case 'createIncident':
      await r.data.create('incident', { ...emptyIncident(today), title: step.title || 'untitled' });
      return;
    case 'createSource':
      await r.data.create('source', { ...emptySource(today), title: step.title || 'untitled' });
      return;
    case 'edit': {
      const ids = await liveIds(r, 'incident');
      if (ids.length === 0) return;
      const id = ids[step.pick % Math.min(ids.length, 2)]!;
      const patch =
        step.field === 'tags'
          ? { tags: step.value ? [step.value.slice(0, 20).trim() || 'x'] : [] }
          : step.field === 'fatalities'
            ? { fatalities: step.value.length }
            : step.field === 'title'
              ? { title: step.value || 'untitled' }
              : { notes: step.value };
      await r.data.update('incident', id, patch);
      return;
    }
    case 'big': {
      const ids = await liveIds(r, 'incident');
      if (ids.length === 0) {
        await r.data.create('incident', {
          ...emptyIncident(today),
          title: 'long',
          notes: bigNotes(step.salt),
        });
      } else {
        await r.data.update('incident', ids[step.pick % ids.length]!, {
          notes: bigNotes(step.salt),
        });
      }
      return;
    }
    case 'editSource': {
      const ids = await liveIds(r, 'source');
      if (ids.length > 0)
        await r.data.update('source', ids[step.pick % ids.length]!, {
          title: step.title || 'untitled',
        });
      return;
    }
    case 'delete': {
      const ids = await liveIds(r, 'incident');
      if (ids.length > 0) await r.data.deleteWithLinks('incident', ids[step.pick % ids.length]!);
      return;
    }
    case 'restore': {
      const live = new Set(await liveIds(r, 'incident'));
      const gone = (await historyIds(r, 'incident')).filter((id) => !live.has(id));
      if (gone.length === 0) return;
      const id = gone[step.pick % gone.length]!;
      // A record known only from changes that arrived before its creation cannot be restored.
      if ((await r.data.history('incident', id)).some((c) => 'dateStart' in c.fields)) {
        await r.data.store.write([{ type: 'restore', kind: 'incident', id }]);
      }
      return;
    }
    case 'link': {
      const incidents = await liveIds(r, 'incident');
      const sources = await liveIds(r, 'source');
      if (incidents.length === 0 || sources.length === 0) return;
      await r.data.link(
        incidents[step.pick % incidents.length]!,
        sources[step.pick2 % sources.length]!,
        ['date'],
      );
      return;
    }
    case 'attach': {
      const sources = await liveIds(r, 'source');
      if (sources.length === 0) return;
      await r.data.addAttachment(sources[step.pick % sources.length]!, {
        name: `file-${step.byte}.bin`,
        type: 'application/octet-stream',
        bytes: new Uint8Array([step.byte, 1, 2]),
      });
      return;
    }
    case 'annotate': {
      const kind = step.onSource ? 'source' : 'incident';
      const ids = await liveIds(r, kind);
      if (ids.length === 0) return;
      // The oldest two again, so teammates often annotate the same record.
      const id = ids[step.pick % Math.min(ids.length, 2)]!;
      await r.data.review.annotate({ kind, id }, 'comment', step.body || 'note');
      return;
    }
    case 'reply': {
      const live = await annotations(r);
      if (live.length === 0) return;
      await r.data.review.reply(live[step.pick % live.length]!.id, step.body || 'reply');
      return;
    }
    case 'threadState': {
      const roots = await annotations(r, true);
      if (roots.length === 0) return;
      const root = roots[step.pick % roots.length]!;
      await r.data.review.setThreadState(root.id, step.resolved ? 'resolved' : 'open');
      return;
    }
    case 'status': {
      const kind = step.onSource ? 'source' : 'incident';
      const ids = await liveIds(r, kind);
      if (ids.length === 0) return;
      const id = ids[step.pick % Math.min(ids.length, 2)]!;
      const record = (await r.data.get(kind, id))!;
      const allowed = STATUS_STEPS[reviewStatusOf(record.status)];
      const next = allowed[step.step % allowed.length]!;
      await r.data.review.setStatus(
        kind,
        id,
        next,
        STATUS_NEEDS_REASON.includes(next) ? 'checked' : '',
      );
      return;
    }
  }
}
