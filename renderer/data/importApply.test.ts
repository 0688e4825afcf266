import { describe, expect, it } from 'vitest';
import { emptyIncident, type IncidentFields } from '../../shared/domain/incident.ts';
import { linkId } from '../../shared/domain/link.ts';
import { emptySource } from '../../shared/domain/source.ts';
import type { ImportedIncident, ImportPlan } from '../../shared/interchange/imported.ts';
import { replicasClosedAfterEach, T0, type Replica } from '../../test/helpers/replica.ts';
import { canonicalExport } from './canonicalExport.ts';
import { DaftarData } from './daftarData.ts';
import { applyImport } from './importApply.ts';
import { planImport } from './importDryRun.ts';
import { fieldsCarriedBy } from './importUpdate.ts';
import { testSealer } from '../../test/helpers/testSealer.ts';

const replica = replicasClosedAfterEach();

function row(
  line: number,
  externalId: string,
  patch: Partial<IncidentFields> = {},
  sourceNames: string[] = [],
): ImportedIncident {
  return {
    at: { line },
    fields: {
      ...emptyIncident('2024-05-01'),
      title: `Armed clash (${externalId})`,
      externalId,
      eventType: 'Battles',
      subEventType: 'Armed clash',
      country: 'Afghanistan',
      province: 'Kabul',
      latitude: 34.5,
      longitude: 69.2,
      fatalities: 2,
      ...patch,
    },
    sourceNames,
    remarks: [],
  };
}

function planOf(incidents: ImportedIncident[], extra: Partial<ImportPlan> = {}): ImportPlan {
  const problems = extra.problems ?? [];
  return {
    format: 'acled-csv',
    incidents,
    problems,
    remarks: [],
    total: incidents.length + problems.length,
    ...extra,
  };
}

/** A file of `n` rows, AFG1 … AFGn, each crediting one of three outlets. */
const fileOf = (n: number): ImportPlan =>
  planOf(
    Array.from({ length: n }, (_, i) =>
      row(i + 2, `AFG${i + 1}`, { fatalities: i % 7 }, [['Reuters', 'Pajhwok', 'Tolo'][i % 3]!]),
    ),
  );

async function incidentByExternalId(r: Replica, externalId: string) {
  return (await r.data.all('incident')).find((i) => i.externalId === externalId);
}

describe('the dry run of a dataset import', () => {
  it('counts new, updated, unchanged and refused rows, and lists the refused ones in order', async () => {
    const r = await replica('a');
    // AFG10 sorts between AFG1 and AFG2, in the range the lookup reads, but is not in the file.
    await applyImport(r.data, planOf([row(2, 'AFG1'), row(3, 'AFG2'), row(4, 'AFG10')]));
    const plan = planOf([row(2, 'AFG1'), row(3, 'AFG2', { fatalities: 5 }), row(5, 'AFG3')], {
      problems: [
        { key: 'interchange.csv.badDate', at: { line: 4 }, detail: '31/02/2024' },
        { key: 'interchange.csv.noTitle', at: { line: 6 } },
      ],
    });
    plan.incidents.push(row(7, 'AFG3', { title: 'Same id again' }));
    plan.total++;

    const run = await planImport(r.data, plan);
    expect(run.counts).toEqual({ new: 1, updated: 1, unchanged: 1, refused: 3 });
    expect(run.refused.map((p) => [p.at, p.key])).toEqual([
      [{ line: 4 }, 'interchange.csv.badDate'],
      [{ line: 6 }, 'interchange.csv.noTitle'],
      [{ line: 7 }, 'interchange.ui.problem.sameIdLine'],
    ]);
    expect(run.refused[2]!.params).toEqual({ id: 'AFG3', first: 5 });
    expect(run.changedFields).toEqual({ fatalities: 1 });
    expect(run.incidents.map((p) => [p.item.fields.externalId, p.outcome])).toEqual([
      ['AFG1', 'unchanged'],
      ['AFG2', 'updated'],
      ['AFG3', 'new'],
    ]);
    // A dry run writes nothing.
    expect(await r.data.count('incident')).toBe(3);
  });

  it('refuses a row whose update would break a rule between fields, with the field and value', async () => {
    const r = await replica('a');
    await applyImport(r.data, planOf([row(2, 'AFG1', { dateEnd: '2024-05-03' })]));
    const run = await planImport(r.data, planOf([row(2, 'AFG1', { dateStart: '2024-06-01' })]));
    expect(run.counts).toMatchObject({ updated: 0, refused: 1 });
    expect(run.refused).toEqual([
      {
        key: 'interchange.ui.problem.invalidField',
        params: { field: 'dateEnd', reason: 'validation.endBeforeStart' },
        at: { line: 2 },
        detail: '"2024-05-03"',
      },
    ]);
  });

  it('remarks on rows without an identifier, which a second import would add again', async () => {
    const r = await replica('a');
    const run = await planImport(r.data, planOf([row(2, ''), row(3, ''), row(4, 'AFG9')]));
    expect(run.counts.new).toBe(3);
    expect(run.remarks).toContainEqual({
      key: 'interchange.ui.remark.withoutId',
      params: { count: 2 },
    });
  });
});

describe('applying a dataset import', () => {
  it('stores every incident, and the same file again changes nothing at all', async () => {
    const r = await replica('a');
    const plan = fileOf(50);
    const first = await applyImport(r.data, plan);
    expect(first.counts).toEqual({ new: 50, updated: 0, unchanged: 0, refused: 0 });
    expect(first.created).toHaveLength(50);
    expect(await r.data.count('incident')).toBe(50);
    const stored = await incidentByExternalId(r, 'AFG10');
    expect(stored).toMatchObject({ title: 'Armed clash (AFG10)', fatalities: 2, status: 'draft' });

    const before = await canonicalExport(r.data.db);
    expect((await planImport(r.data, plan)).counts).toEqual({
      new: 0,
      updated: 0,
      unchanged: 50,
      refused: 0,
    });
    r.clock.now += 60_000;
    const again = await applyImport(r.data, plan);
    expect(again.counts.unchanged).toBe(50);
    expect(await canonicalExport(r.data.db)).toBe(before);
  });

  it('updates only the incident whose row changed, and only the changed fields', async () => {
    const r = await replica('a');
    const plan = fileOf(20);
    await applyImport(r.data, plan);
    const untouched = await incidentByExternalId(r, 'AFG4');
    const target = await incidentByExternalId(r, 'AFG5');

    const changed = fileOf(20);
    changed.incidents[4] = row(6, 'AFG5', { fatalities: 11, notes: 'Revised toll' }, ['Tolo']);
    const result = await applyImport(r.data, changed);
    expect(result.counts).toEqual({ new: 0, updated: 1, unchanged: 19, refused: 0 });
    expect(await r.data.get('incident', untouched!.id)).toEqual(untouched);
    const after = await r.data.get('incident', target!.id);
    expect(after).toMatchObject({ fatalities: 11, notes: 'Revised toll', title: target!.title });
    const last = (await r.data.history('incident', target!.id)).at(-1)!;
    expect(Object.keys(last.fields).sort()).toEqual(['fatalities', 'notes']);
  });

  it("never blanks a stored value nor touches the team's review status", async () => {
    const r = await replica('a');
    await applyImport(r.data, planOf([row(2, 'AFG1', { notes: 'From the dataset' })]));
    const stored = (await incidentByExternalId(r, 'AFG1'))!;
    await r.data.update('incident', stored.id, { status: 'submitted', tags: ['checked'] });

    const again = planOf([row(2, 'AFG1', { notes: '', latitude: null, longitude: null })]);
    const result = await applyImport(r.data, again);
    expect(result.counts.unchanged).toBe(1);
    expect(await r.data.get('incident', stored.id)).toMatchObject({
      notes: 'From the dataset',
      latitude: 34.5,
      status: 'submitted',
      tags: ['checked'],
    });
  });

  it('updates only the fields the column mapping carries (a made-up title is not one)', async () => {
    const r = await replica('a');
    await applyImport(
      r.data,
      planOf([row(2, 'K-1', { title: 'Checkpoint attack, Pul-e Khumri' })]),
    );
    const stored = (await incidentByExternalId(r, 'K-1'))!;
    // A plain CSV without a title column: the reader made "Armed clash — Kabul" up.
    const again = planOf([row(2, 'K-1', { title: 'Armed clash — Kabul', fatalities: 4 })]);
    const carried = fieldsCarriedBy({ dateStart: 'date', fatalities: 'killed', externalId: 'id' });
    expect([...carried].sort()).toEqual(['dateStart', 'fatalities']);
    const result = await applyImport(r.data, again, { carried });
    expect(result.counts.updated).toBe(1);
    expect(await r.data.get('incident', stored.id)).toMatchObject({
      title: 'Checkpoint attack, Pul-e Khumri',
      fatalities: 4,
    });
  });

  it('creates one source per credited name, reuses it next time, and links each incident', async () => {
    const r = await replica('a');
    // A source the person made by hand with the same title is theirs, not the import's.
    const { id: own } = await r.data.create('source', {
      ...emptySource('2024-05-01'),
      title: 'Reuters',
    });
    const plan = planOf([
      row(2, 'AFG1', {}, ['Reuters', 'Pajhwok Afghan News']),
      row(3, 'AFG2', {}, ['Reuters ', 'Reuters']),
    ]);
    const result = await applyImport(r.data, plan, { fileName: 'acled-2024.csv' });
    expect(result.sources).toEqual({ created: 2, reused: 0 });
    expect(result.links).toBe(3);
    const sources = (await r.data.all('source')).filter((s) => s.id !== own);
    expect(sources.map((s) => [s.title, s.outlet, s.kind, s.status]).sort()).toEqual([
      ['Pajhwok Afghan News', 'Pajhwok Afghan News', 'other', 'draft'],
      ['Reuters', 'Reuters', 'other', 'draft'],
    ]);
    const reuters = sources.find((s) => s.title === 'Reuters')!;
    expect((await r.data.incidentsOfSource(reuters.id)).map((i) => i.externalId).sort()).toEqual([
      'AFG1',
      'AFG2',
    ]);
    expect(await r.data.linksOfSource(own)).toEqual([]);
    expect(await r.data.custodyOf(reuters.id)).toMatchObject([
      { action: 'imported', detail: 'interchange:acled-2024.csv', hash: expect.any(String) },
    ]);

    // A later file: the same outlet is reused, a new incident is linked to it.
    const later = await applyImport(r.data, planOf([row(2, 'AFG3', {}, ['Reuters'])]));
    expect(later.sources).toEqual({ created: 0, reused: 1 });
    expect(await r.data.count('source')).toBe(3);
    expect(await r.data.linksOfSource(reuters.id)).toHaveLength(3);
  });

  it('links a stored incident to a newly credited source, but does not restore a removed link', async () => {
    const r = await replica('a');
    await applyImport(r.data, planOf([row(2, 'AFG1', {}, ['Reuters'])]));
    const incident = (await incidentByExternalId(r, 'AFG1'))!;
    const [reuters] = await r.data.sourcesOfIncident(incident.id);
    await r.data.unlink(incident.id, reuters!.id);

    const result = await applyImport(r.data, planOf([row(2, 'AFG1', {}, ['Reuters', 'Tolo'])]));
    expect(result.counts.updated).toBe(1);
    const linked = await r.data.sourcesOfIncident(incident.id);
    expect(linked.map((s) => s.title)).toEqual(['Tolo']);
    expect(await r.data.get('link', linkId(incident.id, reuters!.id))).toBeUndefined();
  });

  it('stores nothing when cancelled at 60%, though some chunks were already written', async () => {
    const r = await replica('a');
    await applyImport(r.data, fileOf(10));
    const before = await canonicalExport(r.data.db);
    const abort = new AbortController();
    const seen: number[] = [];
    const applying = applyImport(r.data, fileOf(100), {
      chunkSize: 10,
      signal: abort.signal,
      onProgress: (done, total, phase) => {
        if (phase !== 'writing') return;
        seen.push(done);
        if (done >= 0.6 * total) abort.abort();
      },
    });
    await expect(applying).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toContain(60);
    expect(await canonicalExport(r.data.db)).toBe(before);
  });

  it('stores nothing when a write fails midway (an id already taken)', async () => {
    let next = 0;
    let collideAt = Infinity;
    const data = await DaftarData.open({
      sealer: testSealer(),
      name: `import-failure-${Math.random()}`,
      now: () => T0,
      newId: () => (++next === collideAt ? 'taken' : `id${next}`),
    });
    try {
      await data.create('incident', { ...emptyIncident('2024-01-01'), title: 'Typed by hand' });
      const taken = (await data.all('incident'))[0]!;
      // Re-key the hand-made incident to 'taken' through the store, as any incident might be.
      await data.write([
        { type: 'create', kind: 'incident', id: 'taken', fields: { ...taken, title: 'Taken' } },
      ]);
      const before = await canonicalExport(data.db);
      collideAt = next + 61; // the 61st incident of the import gets an id already in use
      const applying = applyImport(data, fileOf(100), { chunkSize: 10 });
      await expect(applying).rejects.toThrow();
      expect(await canonicalExport(data.db)).toBe(before);
      expect(await data.count('incident')).toBe(2);
    } finally {
      data.close();
    }
  });
});
