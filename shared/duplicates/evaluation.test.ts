/**
 * Detection measured on planted duplicates (test/bench/plantDuplicates.ts): precision and recall
 * must stay above their floors on 5,000 incidents, and no hard negative — the same place a week
 * or a month later, the same day in another province — may be paired with what it imitates.
 * Set DAFTAR_DUPLICATES_100K=1 to measure 100,000 incidents as well (about a minute).
 */
import { describe, expect, it } from 'vitest';
import { plantDuplicates, scoreAgainstTruth } from '../../test/bench/plantDuplicates.ts';
import { findDuplicateCandidates, pairKey } from './findDuplicateCandidates.ts';

const PRECISION_FLOOR = 0.95;
const RECALL_FLOOR = 0.95;

async function evaluate(total: number, seed: number) {
  const set = plantDuplicates(total, seed);
  const started = performance.now();
  const cpu = process.cpuUsage();
  let preparedAt = 0;
  const { pairs, compared } = await findDuplicateCandidates(
    set.incidents,
    {},
    {
      onProgress: (done) => {
        if (preparedAt === 0 && done >= 2 * total) preparedAt = performance.now();
      },
    },
  );
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  const found = pairs.map((p) => pairKey(p.a, p.b));
  const score = scoreAgainstTruth(found, set.duplicates);
  const hardNegativesFound = found.filter((k) => set.hardNegatives.has(k)).length;
  const line =
    `duplicates on ${total} incidents (${set.duplicates.size} planted pairs): ` +
    `precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}, ` +
    `F1 ${score.f1.toFixed(3)}; ${compared} pairs compared in ${seconds.toFixed(2)} s ` +
    `(${Math.round(compared / seconds)} pairs/s; CPU ${((used.user + used.system) / 1e6).toFixed(2)} s; ` +
    `reading and preparing ${((preparedAt - started) / 1000).toFixed(2)} s); ` +
    `hard negatives found ${hardNegativesFound} of ${set.hardNegatives.size}`;
  console.log(line);
  return { ...score, hardNegativesFound };
}

describe('duplicate detection on planted duplicates', () => {
  it('finds them with precision and recall above the floors on 5,000 incidents', async () => {
    for (const seed of [7, 11]) {
      const result = await evaluate(5_000, seed);
      expect(result.precision).toBeGreaterThanOrEqual(PRECISION_FLOOR);
      expect(result.recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
      expect(result.hardNegativesFound).toBe(0);
    }
  });

  const large = process.env.DAFTAR_DUPLICATES_100K === '1';
  if (!large) {
    console.log(
      'Skipping the 100,000-incident duplicate evaluation: set DAFTAR_DUPLICATES_100K=1 to run it (about a minute).',
    );
  }
  it.runIf(large)(
    'is measured on 100,000 incidents',
    async () => {
      await evaluate(100_000, 7);
    },
    900_000,
  );
});
