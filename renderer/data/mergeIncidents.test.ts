import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyIncident, type IncidentFields } from '../../shared/domain/incident.ts';
import { linkId } from '../../shared/domain/link.ts';
import { RECORD_KINDS, RecordValidationError } from '../../shared/domain/records.ts';
import { emptySource } from '../../shared/domain/source.ts';
import { replicasClosedAfterEach, type Replica } from '../../test/helpers/replica.ts';
import type { DaftarData } from './daftarData.ts';
import {
  mergedFields,
  mergeIncidents,
  MergeRefusedError,
  threadsWithMerged,
} from './mergeIncidents.ts';
import { isOwnRow, recordHistory } from './recordHistory.ts';

const replica = replicasClosedAfterEach();

const incident = (title: string, patch: Partial<IncidentFields> = {}): IncidentFields => ({
  ...emptyIncident('2024-05-14'),
  title,
  eventType: 'Violence against civilians',
  subEventType: 'Attack',
  ...patch,
});

/** Everything a person could see: every live record of every kind, without `updated`. */
async function snapshot(data: DaftarData) {
  const out: Record<string, unknown[]> = {};
  for (const kind of RECORD_KINDS) {
    out[kind] = (await data.all(kind))
      .map(({ updated: _updated, ...rest }) => rest)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  return out;
}

/**
 * Two researchers' records of one killing, with sources: s1 linked to both, s2 only to the
 * second record, s3 only to the first.
 */
async function twoRecords(r: Replica) {
  const { id: a } = await r.data.create(
    'incident',
    incident('Former soldier shot in Paghman', {
      province: 'Kabul',
      fatalities: 1,
      fatalityReports: [{ count: 1, sourceId: null, note: 'family' }],
      tags: ['former-andsf'],
      actors: [
        { name: 'Unidentified Armed Group (Afghanistan)', role: 'actor1', actorId: null },
        { name: 'Civilians (Afghanistan)', role: 'actor2', actorId: null },
      ],
      notes: 'Shot outside his home.',
    }),
  );
  r.clock.now += 1_000;
  const { id: b } = await r.data.create(
    'incident',
    incident('Ex-army officer killed, Paghman district', {
      province: 'Kabul',
      district: 'Paghman',
      fatalities: 2,
      fatalityReports: [
        { count: 1, sourceId: null, note: 'family' },
        { count: 2, sourceId: null, note: 'police' },
      ],
      tags: ['former-andsf', 'night-raid'],
      actors: [
        { name: 'Civilians', role: 'actor2', actorId: null },
        { name: 'Taliban', role: 'deniedBy', actorId: null },
      ],
      notes: 'Gunmen shot him outside his home at night; the Taliban denied involvement.',
    }),
  );
  const s = [];
  for (const title of ['Pajhwok report', 'Family interview', 'Amu TV report']) {
    s.push((await r.data.create('source', { ...emptySource('2024-05-15'), title })).id);
  }
  await r.data.link(a, s[0]!, ['date'], 'dates the killing');
  await r.data.link(b, s[0]!, ['location', 'date'], 'names the district');
  await r.data.link(b, s[1]!, ['actors']);
  await r.data.link(a, s[2]!, ['narrative']);
  r.clock.now += 1_000;
  return { a, b, s };
}

describe('merging two incidents', () => {
  it('keeps the chosen values, unites reports, tags and actors, and records the merge', async () => {
    const r = await replica('a');
    const { a, b } = await twoRecords(r);
    await mergeIncidents(r.data, a, b, {
      title: 'other',
      district: 'other',
      fatalities: 'survivor',
    });

    const merged = (await r.data.get('incident', a))!;
    expect(merged.title).toBe('Ex-army officer killed, Paghman district');
    expect(merged.district).toBe('Paghman');
    expect(merged.fatalities).toBe(1);
    expect(merged.notes).toBe('Shot outside his home.');
    expect(merged.fatalityReports.map((f) => [f.count, f.note])).toEqual([
      [1, 'family'],
      [2, 'police'],
    ]);
    expect(merged.tags).toEqual(['former-andsf', 'night-raid']);
    // "Civilians" is "Civilians (Afghanistan)" in the same role; the Taliban's denial is new.
    expect(merged.actors.map((x) => [x.name, x.role])).toEqual([
      ['Unidentified Armed Group (Afghanistan)', 'actor1'],
      ['Civilians (Afghanistan)', 'actor2'],
      ['Taliban', 'deniedBy'],
    ]);
    expect(merged.mergedFrom).toEqual([b]);
    expect(await r.data.get('incident', b)).toBeUndefined();
  });

  it('moves every link to the survivor, uniting what it supports and keeping both notes', async () => {
    const r = await replica('a');
    const { a, b, s } = await twoRecords(r);
    const result = await mergeIncidents(r.data, a, b);
    expect(result.linksMoved).toBe(2);

    const links = await r.data.linksOfIncident(a);
    expect(
      links.map((l) => [l.sourceId, l.supports, l.note]).sort((x, y) => (x[0]! < y[0]! ? -1 : 1)),
    ).toEqual(
      [
        [s[0], ['date', 'location'], 'dates the killing · names the district'],
        [s[1], ['actors'], ''],
        [s[2], ['narrative'], ''],
      ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)),
    );
    expect(await r.data.linksOfIncident(b)).toEqual([]);
    expect((await r.data.incidentsOfSource(s[1]!)).map((i) => i.id)).toEqual([a]);
  });

  it('is undone exactly: both incidents and every link as they were', async () => {
    const r = await replica('a');
    const { a, b } = await twoRecords(r);
    const before = await snapshot(r.data);
    const result = await mergeIncidents(r.data, a, b, { title: 'other', notes: 'other' });
    expect(await snapshot(r.data)).not.toEqual(before);

    r.clock.now += 1_000;
    await r.data.write(result.undo);
    expect(await snapshot(r.data)).toEqual(before);
    // And it can be merged again after the undo (the links unlinked once are restored).
    await mergeIncidents(r.data, a, b);
    expect((await r.data.linksOfIncident(a)).length).toBe(3);
  });

  it('moves a link the survivor had once and lost, restoring it rather than creating it', async () => {
    const r = await replica('a');
    const { a, b, s } = await twoRecords(r);
    await r.data.unlink(a, s[0]!);
    await mergeIncidents(r.data, a, b);
    const link = (await r.data.get('link', linkId(a, s[0]!)))!;
    expect([link.supports, link.note]).toEqual([['date', 'location'], 'names the district']);
  });

  it('carries over the incidents merged into the other one before', async () => {
    const r = await replica('a');
    const { a, b } = await twoRecords(r);
    const { id: c } = await r.data.create('incident', incident('Third record'));
    await mergeIncidents(r.data, b, c);
    await mergeIncidents(r.data, a, b);
    expect((await r.data.get('incident', a))!.mergedFrom).toEqual([b, c]);
  });

  it('refuses an incident with itself, or one that is missing, writing nothing', async () => {
    const r = await replica('a');
    const { a, b } = await twoRecords(r);
    await r.data.deleteWithLinks('incident', b);
    const count = (await r.data.store.allChanges()).length;
    await expect(mergeIncidents(r.data, a, a)).rejects.toMatchObject({
      name: 'MergeRefusedError',
      code: 'sameIncident',
    });
    await expect(mergeIncidents(r.data, a, 'nowhere')).rejects.toMatchObject({
      code: 'notFound',
      id: 'nowhere',
    });
    await expect(mergeIncidents(r.data, b, a)).rejects.toBeInstanceOf(MergeRefusedError);
    expect((await r.data.store.allChanges()).length).toBe(count);
  });

  it('refuses a merged record that breaks a rule, writing nothing', async () => {
    const r = await replica('a');
    const { a, b } = await twoRecords(r);
    await r.data.update('incident', b, { eventType: 'Battles', subEventType: 'Armed clash' });
    const before = await snapshot(r.data);
    // The sub-type of a battle with the type of an attack on civilians.
    await expect(mergeIncidents(r.data, a, b, { subEventType: 'other' })).rejects.toBeInstanceOf(
      RecordValidationError,
    );
    expect(await snapshot(r.data)).toEqual(before);
  });
});

describe('what a merge leaves visible', () => {
  it("the survivor's history shows the merged incident's changes, marked as such", async () => {
    const r = await replica('a');
    const { a, b } = await twoRecords(r);
    await r.data.update('incident', b, { title: 'Ex-army officer killed' });
    r.clock.now += 1_000;
    await mergeIncidents(r.data, a, b, { title: 'other' });

    const rows = await recordHistory(r.data, 'incident', a);
    const fromB = rows.filter((row) => row.mergedFrom === b);
    expect(fromB.find((row) => row.field === 'title' && row.event === 'edited')).toMatchObject({
      before: 'Ex-army officer killed, Paghman district',
      after: 'Ex-army officer killed',
    });
    expect(fromB.some((row) => row.event === 'deleted')).toBe(true);
    expect(rows.filter(isOwnRow).some((row) => row.field === 'mergedFrom')).toBe(true);
    // Newest first across both records, keys unique.
    const clocks = rows.map((row) => row.change.hlc);
    expect(clocks).toEqual([...clocks].sort().reverse());
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
  });

  it('threads about the merged incident stay about it and are listed with the survivor', async () => {
    const r = await replica('a');
    const { a, b } = await twoRecords(r);
    await r.data.review.annotate({ kind: 'incident', id: a }, 'comment', 'Check the date.');
    const { id: note } = await r.data.review.annotate(
      { kind: 'incident', id: b, field: 'title' },
      'question',
      'Was he an officer?',
    );
    await mergeIncidents(r.data, a, b);

    const threads = await threadsWithMerged(r.data, a);
    expect(threads.map((t) => [t.root.body, t.fromMerged])).toEqual([
      ['Check the date.', null],
      ['Was he an officer?', b],
    ]);
    expect((await r.data.get('annotation', note))!.targetId).toBe(b);
  });
});

describe('merged fields', () => {
  it('never take an id or a united field from the choices', () => {
    const survivor = incident('A', { tags: ['x'] });
    const other = { ...incident('B', { tags: ['y'] }), id: 'b' };
    const choices = { tags: 'other', id: 'other', title: 'other' } as never;
    const fields = mergedFields(survivor, other, choices);
    expect(fields.title).toBe('B');
    expect(fields.tags).toEqual(['x', 'y']);
    expect('id' in fields).toBe(false);
  });
});

describe('merged fields, as algebra', () => {
  const actor = fc.record({
    name: fc.constantFrom(
      'Taliban',
      'ISKP',
      'Islamic State Khorasan Province (ISKP)',
      'طالبان',
      'طالبان ',
    ),
    role: fc.constantFrom('actor1' as const, 'actor2' as const, 'claimedBy' as const),
    actorId: fc.constant(null),
  });
  const record = fc.record({
    id: fc.constantFrom('x', 'y', 'z'),
    tags: fc.uniqueArray(fc.constantFrom('women', 'border', 'drone'), { maxLength: 3 }),
    actors: fc.array(actor, { maxLength: 4 }),
    fatalityReports: fc.array(
      fc.record({
        count: fc.nat(5),
        sourceId: fc.constant(null),
        note: fc.constantFrom('', 'police'),
      }),
      { maxLength: 3 },
    ),
    mergedFrom: fc.uniqueArray(fc.constantFrom('m1', 'm2', 'm3'), { maxLength: 2 }),
  });
  const full = (r: { id: string } & Partial<IncidentFields>) => ({ ...incident('T'), ...r });

  it('lose nothing either record had, and merging again changes nothing', () => {
    fc.assert(
      fc.property(record, record, (s, o) => {
        const survivor = full(s);
        const other = full(o);
        const merged = mergedFields(survivor, other, {});
        for (const tag of [...s.tags, ...o.tags]) expect(merged.tags).toContain(tag);
        for (const report of [...s.fatalityReports, ...o.fatalityReports]) {
          expect(merged.fatalityReports).toContainEqual(report);
        }
        // Every actor keeps a representative in the same role (its name or an equivalent one).
        for (const a of [...s.actors, ...o.actors]) {
          expect(merged.actors.some((m) => m.role === a.role)).toBe(true);
        }
        expect(merged.mergedFrom).toEqual([...new Set([...s.mergedFrom, o.id, ...o.mergedFrom])]);
        expect(mergedFields(merged, other, {})).toEqual(merged);
      }),
    );
  });
});
