import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyIncident } from '../../shared/domain/incident.ts';
import type { StoredRecord } from '../../shared/domain/records.ts';
import { emptySource } from '../../shared/domain/source.ts';
import { RELIABILITY_GRADES } from '../../shared/domain/vocabulary.ts';
import { encodeHlc } from '../../shared/sync/hlc.ts';
import { fromRow, toRow } from './rows.ts';

const seed = Number(process.env.FC_SEED ?? 42);
console.log(`rows.test.ts: fast-check seed ${seed} (set FC_SEED to change)`);

const meta = {
  id: 'r1',
  created: encodeHlc({ wall: 1, counter: 0, device: 'dev1' }),
  updated: 'u',
};

const incidentArb = fc
  .record({ fatalities: fc.option(fc.nat(10_000_000)), title: fc.string({ minLength: 1 }) })
  .map((patch): StoredRecord<'incident'> => ({
    ...emptyIncident('2023-03-09'),
    ...patch,
    ...meta,
  }));

const sourceArb = fc
  .record({
    publishedAt: fc.option(fc.constantFrom('2020-01-01', '2023-03-09', '1999-12-31')),
    reliability: fc.option(fc.constantFrom(...RELIABILITY_GRADES)),
  })
  .map((patch): StoredRecord<'source'> => ({
    ...emptySource('2023-03-10'),
    title: 'S',
    ...patch,
    ...meta,
  }));

describe('rows', () => {
  it('gives every incident an indexable fatality figure, -1 when unknown', () => {
    fc.assert(
      fc.property(incidentArb, (record) => {
        const row = toRow('incident', record);
        expect(row._fatalities).toBe(record.fatalities ?? -1);
        expect(Number.isInteger(row._fatalities)).toBe(true);
        expect(fromRow(row)).toEqual(record);
      }),
      { seed, numRuns: 100 },
    );
  });

  it('gives every source an indexable date and grade, ungraded sorting after F', () => {
    fc.assert(
      fc.property(sourceArb, (record) => {
        const row = toRow('source', record);
        expect(row._publishedAt).toBe(record.publishedAt ?? '');
        expect(typeof row._reliability).toBe('string');
        if (record.reliability === null) {
          expect(RELIABILITY_GRADES.every((grade) => grade < row._reliability)).toBe(true);
        } else {
          expect(row._reliability).toBe(record.reliability);
        }
        expect(fromRow(row)).toEqual(record);
      }),
      { seed, numRuns: 100 },
    );
  });

  it('stores links, actors and places as they are', () => {
    const link: StoredRecord<'link'> = {
      incidentId: 'i',
      sourceId: 's',
      supports: [],
      note: '',
      ...meta,
    };
    const actor: StoredRecord<'actor'> = { name: 'ISKP', aliases: [], description: '', ...meta };
    expect(toRow('link', link)).toEqual(link);
    expect(toRow('actor', actor)).toEqual(actor);
    expect(fromRow(toRow('actor', actor))).toEqual(actor);
  });

  it('does not change the record it is given', () => {
    const record: StoredRecord<'incident'> = {
      ...emptyIncident('2023-03-09'),
      title: 'x',
      ...meta,
    };
    const copy = structuredClone(record);
    fromRow(toRow('incident', record));
    expect(record).toEqual(copy);
  });
});
