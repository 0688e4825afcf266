/**
 * Three replicas make random creates, edits, deletes, restores, links and attachments, annotate
 * records, reply, resolve and reopen threads and take verification steps, with clocks that
 * drift; bundles between them (of everything, of what the other has not seen, or of review work
 * only) are delivered late, out of order, twice, or never (and retried). After everyone finally
 * exchanges everything, all three canonical exports are byte-identical. Runs through the real
 * path: bundle written, zipped, signed, read, checked, planned and applied in IndexedDB
 * (fake-indexeddb in Node).
 *
 *   DAFTAR_FC_RUNS=10000 npm run test:convergence     (the long run; default 1,000 in CI)
 *   FC_SEED=1234 ...                                   (repeat a logged seed)
 */
import fc from 'fast-check';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { emptySource } from '../../shared/domain/source.ts';
import {
  reviewStatusOf,
  STATUS_NEEDS_REASON,
  STATUS_STEPS,
} from '../../shared/domain/vocabulary.ts';
import { expectedFromHistory, openReplica, type Replica } from '../helpers/replica.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000_000);
const numRuns = Number(process.env.DAFTAR_FC_RUNS ?? 1_000);
console.log(`convergence.test.ts: ${numRuns} runs, fast-check seed ${seed} (FC_SEED to repeat)`);

const TEXTS = ['', 'حمله در کابل', 'په کندهار کې چاودنه', 'line one\r\nline two', '🙂 emoji', 'A'];
const text = fc.constantFrom(...TEXTS);
const who = fc.integer({ min: 0, max: 2 });

const stepArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ type: fc.constant('createIncident' as const), r: who, title: text }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('createSource' as const), r: who, title: text }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant('edit' as const),
      r: who,
      pick: fc.nat(),
      field: fc.constantFrom('title', 'notes', 'tags', 'fatalities'),
      value: text,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('delete' as const), r: who, pick: fc.nat() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('restore' as const), r: who, pick: fc.nat() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('link' as const),
      r: who,
      pick: fc.nat(),
      pick2: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('attach' as const),
      r: who,
      pick: fc.nat(),
      byte: fc.nat(255),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('annotate' as const),
      r: who,
      pick: fc.nat(),
      onSource: fc.boolean(),
      body: text,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('reply' as const),
      r: who,
      pick: fc.nat(),
      body: text,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('threadState' as const),
      r: who,
      pick: fc.nat(),
      resolved: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('status' as const),
      r: who,
      pick: fc.nat(),
      onSource: fc.boolean(),
      step: fc.nat(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('send' as const),
      r: who,
      to: fc.integer({ min: 1, max: 2 }), // r + to, modulo 3: always another replica
      scope: fc.constantFrom('all', 'unseenBy', 'review'),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('deliver' as const),
      pick: fc.nat(),
      keep: fc.boolean(), // keep it in flight, to be delivered again (a duplicate)
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('drop' as const), pick: fc.nat() }) },
  // two replicas meet and exchange everything both ways at once
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('meet' as const),
      r: who,
      with: fc.integer({ min: 1, max: 2 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('tick' as const),
      r: who,
      ms: fc.integer({ min: -5_000, max: 60_000 }),
    }),
  },
);
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

interface InFlight {
  to: number;
  bytes: Uint8Array;
}

/** Close a run's replicas and delete their databases, so 10,000 runs fit in memory. */
async function discard(group: Replica[]): Promise<void> {
  for (const r of group) {
    r.data.close();
    await Dexie.delete(r.name);
  }
}

async function liveIds(r: Replica, kind: 'incident' | 'source'): Promise<string[]> {
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

async function deliver(bundle: InFlight, group: Replica[]): Promise<void> {
  const target = group[bundle.to]!;
  const plan = await target.data.exchange.openBundle(bundle.bytes);
  await target.data.exchange.applyBundle(plan);
}

async function run(steps: readonly Step[]): Promise<void> {
  const group = await Promise.all(['a', 'b', 'c'].map((label) => openReplica(label)));
  try {
    await exchangeAndCompare(group, steps);
  } finally {
    await discard(group);
  }
}

async function exchangeAndCompare(group: Replica[], steps: readonly Step[]): Promise<void> {
  const flight: InFlight[] = [];
  for (const step of steps) {
    if (step.type === 'deliver' || step.type === 'drop') {
      if (flight.length === 0) continue;
      const i = step.pick % flight.length;
      const bundle = flight[i]!;
      if (step.type === 'drop' || !step.keep) flight.splice(i, 1);
      if (step.type === 'deliver') await deliver(bundle, group);
      continue;
    }
    const r = group[step.r]!;
    const today = '2025-03-01';
    switch (step.type) {
      case 'tick':
        r.clock.now = Math.max(0, r.clock.now + step.ms);
        break;
      case 'createIncident':
        await r.data.create('incident', {
          ...emptyIncident(today),
          title: step.title || 'untitled',
        });
        break;
      case 'createSource':
        await r.data.create('source', { ...emptySource(today), title: step.title || 'untitled' });
        break;
      case 'edit': {
        const ids = await liveIds(r, 'incident');
        if (ids.length === 0) break;
        // mostly the oldest two records, so replicas often edit the same one concurrently
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
        break;
      }
      case 'delete': {
        const ids = await liveIds(r, 'incident');
        if (ids.length > 0) await r.data.deleteWithLinks('incident', ids[step.pick % ids.length]!);
        break;
      }
      case 'restore': {
        const live = new Set(await liveIds(r, 'incident'));
        const gone = (await historyIds(r, 'incident')).filter((id) => !live.has(id));
        if (gone.length > 0) {
          const id = gone[step.pick % gone.length]!;
          // a record known only from changes that arrived before its creation cannot be restored
          if ((await r.data.history('incident', id)).some((c) => 'dateStart' in c.fields)) {
            await r.data.store.write([{ type: 'restore', kind: 'incident', id }]);
          }
        }
        break;
      }
      case 'link': {
        const incidents = await liveIds(r, 'incident');
        const sources = await liveIds(r, 'source');
        if (incidents.length === 0 || sources.length === 0) break;
        await r.data.link(
          incidents[step.pick % incidents.length]!,
          sources[step.pick2 % sources.length]!,
          ['date'],
        );
        break;
      }
      case 'attach': {
        const sources = await liveIds(r, 'source');
        if (sources.length === 0) break;
        await r.data.addAttachment(sources[step.pick % sources.length]!, {
          name: `file-${step.byte}.bin`,
          type: 'application/octet-stream',
          bytes: new Uint8Array([step.byte, 1, 2]),
        });
        break;
      }
      case 'meet': {
        const other = (step.r + step.with) % 3;
        for (const [from, to] of [
          [step.r, other],
          [other, step.r],
        ] as const) {
          const bundle = await group[from]!.data.exchange.exportBundle({ kind: 'all' });
          await deliver({ to, bytes: bundle.bytes }, group);
        }
        break;
      }
      case 'annotate': {
        const kind = step.onSource ? 'source' : 'incident';
        const ids = await liveIds(r, kind);
        if (ids.length === 0) break;
        // the oldest two again, so teammates often annotate the same record
        const id = ids[step.pick % Math.min(ids.length, 2)]!;
        await r.data.review.annotate({ kind, id }, 'comment', step.body || 'note');
        break;
      }
      case 'reply': {
        const live = await annotations(r);
        if (live.length === 0) break;
        await r.data.review.reply(live[step.pick % live.length]!.id, step.body || 'reply');
        break;
      }
      case 'threadState': {
        const roots = await annotations(r, true);
        if (roots.length === 0) break;
        const root = roots[step.pick % roots.length]!;
        await r.data.review.setThreadState(root.id, step.resolved ? 'resolved' : 'open');
        break;
      }
      case 'status': {
        const kind = step.onSource ? 'source' : 'incident';
        const ids = await liveIds(r, kind);
        if (ids.length === 0) break;
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
        break;
      }
      case 'send': {
        const to = (step.r + step.to) % 3;
        const teammate = group[to]!.data.deviceId;
        const scope =
          step.scope === 'unseenBy'
            ? ({ kind: 'unseenBy', teammate } as const)
            : step.scope === 'review'
              ? ({ kind: 'review', device: r.data.deviceId } as const)
              : ({ kind: 'all' } as const);
        const bundle = await r.data.exchange.exportBundle(scope);
        flight.push({ to, bytes: bundle.bytes });
        break;
      }
    }
  }
  // Everyone finally meets: two rounds of everything to everyone.
  for (let round = 0; round < 2; round++) {
    for (const [from, sender] of group.entries()) {
      const bundle = await sender.data.exchange.exportBundle({ kind: 'all' });
      for (const to of [0, 1, 2])
        if (to !== from) await deliver({ to, bytes: bundle.bytes }, group);
    }
  }
  const exports = await Promise.all(group.map((r) => r.data.exchange.canonicalExport()));
  expect(exports[1]).toBe(exports[0]);
  expect(exports[2]).toBe(exports[0]);
  // and what every replica stores is exactly the merge of its history, conflicts included
  for (const r of group) {
    const { records, conflicts } = JSON.parse(await r.data.exchange.canonicalExport()) as Record<
      string,
      unknown
    >;
    expect({ records, conflicts }).toEqual(await expectedFromHistory(r));
  }
}

describe('three replicas exchanging bundles', () => {
  it(
    'converge to byte-identical canonical exports whatever the delivery order, duplicates or losses',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(stepArb, { minLength: 10, maxLength: 40, size: 'max' }), run),
        {
          seed,
          numRuns,
          endOnFailure: true,
        },
      );
    },
    Math.max(120_000, numRuns * 2_000),
  );
});
