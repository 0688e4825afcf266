/**
 * A bundle carries a dataset exactly (export then import gives byte-identical canonical exports,
 * whatever the text: Dari, Pashto, emoji, CRLF, empty fields), and any single flipped bit in a
 * bundle is caught before anything is written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BundleError } from '../../shared/bundle/bundleError.ts';
import { emptyIncident, type IncidentFields } from '../../shared/domain/incident.ts';
import { emptySource } from '../../shared/domain/source.ts';
import { dataWithoutOwnImports, sendAll, replicasClosedAfterEach } from '../helpers/replica.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000_000);
console.log(`bundleRoundTrip.test.ts: fast-check seed ${seed} (FC_SEED to repeat)`);

const replica = replicasClosedAfterEach();

const textArb = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'حمله انتحاری در ولایت ننگرهار',
    'د کندهار په ولایت کې',
    '💥🙂',
    'a\r\nb\r\n',
    '\t"quoted" \\ back',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const titleArb = textArb.map((t) => t.trim().slice(0, 200) || 'untitled');
const incidentArb = fc.record({
  title: titleArb,
  notes: textArb,
  placeName: textArb.map((t) => t.trim().slice(0, 300)),
  tags: fc.array(
    titleArb.map((t) => t.slice(0, 80)),
    { maxLength: 3 },
  ),
  fatalities: fc.option(fc.nat(500)),
  latitude: fc.option(fc.double({ min: 29, max: 38, noNaN: true })),
});

describe('export then import', () => {
  it('reproduces random datasets exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(incidentArb, { minLength: 0, maxLength: 6 }),
        fc.array(fc.tuple(titleArb, textArb, fc.uint8Array({ maxLength: 64 })), { maxLength: 3 }),
        async (incidents, sources) => {
          const a = await replica('a');
          const b = await replica('b');
          const ids: string[] = [];
          for (const x of incidents) {
            const fields: IncidentFields = {
              ...emptyIncident('2024-12-31'),
              ...x,
              longitude: x.latitude === null ? null : 66.5,
            };
            ids.push((await a.data.create('incident', fields)).id);
          }
          for (const [i, [title, text, bytes]] of sources.entries()) {
            const { id } = await a.data.create('source', {
              ...emptySource('2024-12-30'),
              title,
              fullText: text,
            });
            if (bytes.length > 0) {
              await a.data.addAttachment(id, { name: `f${i}.bin`, type: '', bytes });
            }
            if (ids[0]) await a.data.link(ids[0], id, ['date']);
          }
          if (ids[0]) await a.data.deleteWithLinks('incident', ids[0]);
          await sendAll(a, b);
          expect(await dataWithoutOwnImports(b)).toEqual(
            JSON.parse(await a.data.exchange.canonicalExport()),
          );
          a.data.close();
          b.data.close();
        },
      ),
      { seed, numRuns: 100 },
    );
  }, 120_000);
});

describe('a flipped bit', () => {
  it('is detected, wherever it lands, before anything is written', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const { id } = await a.data.create('incident', {
      ...emptyIncident('2024-12-31'),
      title: 'حمله در کابل',
    });
    const { id: src } = await a.data.create('source', {
      ...emptySource('2024-12-30'),
      title: 'Report',
      fullText: 'متن گزارش',
    });
    await a.data.link(id, src, ['date']);
    await a.data.addAttachment(src, {
      name: 'p.jpg',
      type: 'image/jpeg',
      bytes: new Uint8Array(300).map((_, i) => (i * 7) % 256),
    });
    await b.data.create('incident', { ...emptyIncident('2024-11-01'), title: 'B’s own record' });
    const { bytes } = await a.data.exchange.exportBundle({ kind: 'all' });
    await b.data.exchange.openBundle(bytes); // the unflipped bundle opens
    const before = await b.data.exchange.canonicalExport();

    let state = seed >>> 0 || 1;
    const random = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 2 ** 32;
    };
    const positions = new Set<number>();
    while (positions.size < 1_000) positions.add(Math.floor(random() * bytes.length * 8));
    const missed: number[] = [];
    for (const bit of positions) {
      const flipped = bytes.slice();
      flipped[bit >> 3] = flipped[bit >> 3]! ^ (1 << (bit & 7));
      try {
        await b.data.exchange.openBundle(flipped);
        missed.push(bit);
      } catch (error) {
        if (!(error instanceof BundleError)) throw error;
      }
    }
    expect(missed, `undetected flips at bits ${missed.join(', ')} of ${bytes.length * 8}`).toEqual(
      [],
    );
    expect(await b.data.exchange.canonicalExport()).toBe(before);
  }, 120_000);
});
