/**
 * Three replicas make random creates, edits, deletes, restores, links and attachments, annotate
 * records, reply, resolve and reopen threads and take verification steps, with clocks that
 * drift; bundles between them (of everything, of what the other has not seen, or of review work
 * only) are delivered late, out of order, twice, or never (and retried). After everyone finally
 * exchanges everything, all three canonical exports are byte-identical. Runs through the real
 * path: bundle written, zipped, signed, read, checked, planned and applied in IndexedDB
 * (fake-indexeddb in Node). The edit steps are test/helpers/editSteps.ts (shared with
 * teamSyncConvergence.test.ts); the delivery steps are this file's.
 *
 *   DAFTAR_FC_RUNS=10000 npm run test:convergence     (the long run; default 1,000 in CI)
 *   FC_SEED=1234 ...                                   (repeat a logged seed)
 */
import fc from 'fast-check';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { applyEditStep, editStepArbitraries, who } from '../helpers/editSteps.ts';
import { expectedFromHistory, openReplica, type Replica } from '../helpers/replica.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000_000);
const numRuns = Number(process.env.DAFTAR_FC_RUNS ?? 1_000);
console.log(`convergence.test.ts: ${numRuns} runs, fast-check seed ${seed} (FC_SEED to repeat)`);

const stepArb = fc.oneof(
  ...editStepArbitraries({
    createIncident: 3,
    createSource: 1,
    edit: 8,
    delete: 1,
    restore: 1,
    link: 1,
    attach: 1,
    annotate: 3,
    reply: 2,
    threadState: 2,
    status: 3,
  }),
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
    switch (step.type) {
      case 'tick': {
        const r = group[step.r]!;
        r.clock.now = Math.max(0, r.clock.now + step.ms);
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
      case 'send': {
        const r = group[step.r]!;
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
      default:
        await applyEditStep(group, step);
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
