import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { emptyIncident, type IncidentFields } from '../../shared/domain/incident.ts';
import { emptySource } from '../../shared/domain/source.ts';
import { inspectCsv, readCsv } from '../../shared/interchange/csv/readCsv.ts';
import type { DomParserLike } from '../../shared/interchange/geo/domLike.ts';
import { createHtmlToText } from '../../shared/interchange/geo/htmlToText.ts';
import { inspectGeoJson, readGeoJson } from '../../shared/interchange/geo/readGeoJson.ts';
import { readKml } from '../../shared/interchange/geo/readKml.ts';
import type { ImportPlan } from '../../shared/interchange/imported.ts';
import { replicasClosedAfterEach, T0, type Replica } from '../../test/helpers/replica.ts';
import { canonicalExport } from './canonicalExport.ts';
import {
  exportIncidents,
  exportSourcesCsl,
  fileBytes,
  sourcesOfIncidents,
  type ExportedFile,
} from './exportFiles.ts';
import { applyImport } from './importApply.ts';
import { planImport } from './importDryRun.ts';
import { fieldsCarriedBy } from './importUpdate.ts';

const replica = replicasClosedAfterEach();

const incident = (patch: Partial<IncidentFields>): IncidentFields => ({
  ...emptyIncident('2024-05-01'),
  country: 'Afghanistan',
  ...patch,
});

/** Three incidents a researcher typed in, two of them credited to sources. */
async function notebook(r: Replica) {
  const kunduz = await r.data.create(
    'incident',
    incident({
      title: 'Checkpoint attack near Kunduz',
      dateStart: '2024-03-02',
      dateEnd: '2024-03-03',
      eventType: 'Battles',
      subEventType: 'Armed clash',
      actors: [
        { name: 'Taliban', role: 'actor1', actorId: null },
        { name: 'Police Forces of Afghanistan', role: 'actor2', actorId: null },
      ],
      province: 'Kunduz',
      district: 'Kunduz',
      placeName: 'Sher Khan Bandar',
      latitude: 37.12,
      longitude: 68.62,
      fatalities: 3,
      notes: 'Three killed; "heavy" fire <reported> at dawn.\nSecond line, طالبان.',
      tags: ['checkpoint', 'night'],
      externalId: 'AFG1001',
    }),
  );
  const herat = await r.data.create(
    'incident',
    incident({
      title: 'Protest in Herat city',
      dateStart: '2024-04-10',
      eventType: 'Protests',
      subEventType: 'Peaceful protest',
      province: 'Herat',
      latitude: 34.35,
      longitude: 62.2,
      externalId: 'AFG1002',
    }),
  );
  const unplaced = await r.data.create(
    'incident',
    incident({ title: 'Arrest reported, place unknown', externalId: 'AFG1003' }),
  );
  const { id: pajhwok } = await r.data.create('source', {
    ...emptySource('2024-03-04'),
    title: 'Clash at checkpoint',
    outlet: 'Pajhwok Afghan News',
  });
  const { id: witness } = await r.data.create('source', {
    ...emptySource('2024-03-04'),
    kind: 'witnessInterview',
    title: 'Shopkeeper interview',
  });
  await r.data.link(kunduz.id, pajhwok, ['date']);
  await r.data.link(kunduz.id, witness, []);
  await r.data.link(herat.id, pajhwok, []);
  return { kunduz: kunduz.id, herat: herat.id, unplaced: unplaced.id };
}

const blobOf = (file: ExportedFile) =>
  new Blob([fileBytes(file.chunks) as Uint8Array<ArrayBuffer>]);

async function readBack(file: ExportedFile, format: 'csv' | 'geojson' | 'kml') {
  const blob = blobOf(file);
  if (format === 'csv') {
    const mapping = (await inspectCsv(blob)).suggested;
    return { plan: await readCsv(blob, mapping), carried: fieldsCarriedBy(mapping) };
  }
  if (format === 'geojson') {
    const mapping = (await inspectGeoJson(blob)).suggested;
    return {
      plan: await readGeoJson(blob, mapping),
      carried: fieldsCarriedBy(mapping, { geometry: true }),
    };
  }
  const parser = new DOMParser() as unknown as DomParserLike;
  const plan: ImportPlan = await readKml(blob, {
    parseXml: (text) => parser.parseFromString(text, 'application/xml'),
    htmlToText: createHtmlToText(parser),
  });
  return { plan, carried: undefined };
}

/** The incidents of a replica without what the database made (ids, clocks), by external id. */
async function incidentFields(r: Replica) {
  const all = await r.data.all('incident');
  return all
    .map(({ id: _id, created: _c, updated: _u, ...fields }) => fields)
    .sort((a, b) => a.externalId.localeCompare(b.externalId));
}

async function creditedSources(r: Replica) {
  const result: Record<string, string[]> = {};
  for (const i of await r.data.all('incident')) {
    result[i.externalId] = (await r.data.sourcesOfIncident(i.id)).map((s) => s.title);
  }
  return result;
}

describe('exporting incidents', () => {
  it('names the file by format and date, and exports only the chosen incidents in order', async () => {
    const r = await replica('a');
    const ids = await notebook(r);
    const now = () => T0;
    const file = await exportIncidents(r.data, [ids.unplaced, ids.kunduz, 'gone'], 'csv', { now });
    expect(file).toMatchObject({ name: 'daftar-incidents-2025-03-01.csv', count: 2 });
    expect(file.mediaType).toBe('text/csv');
    const lines = file.chunks.join('').split('\r\n');
    expect(lines[1]).toContain('Arrest reported, place unknown');
    expect(lines[2]).toContain('Checkpoint attack near Kunduz');
    expect(lines[2]).toContain('Pajhwok Afghan News; Shopkeeper interview');
    expect((await exportIncidents(r.data, null, 'acled-csv', { now })).name).toBe(
      'daftar-acled-2025-03-01.csv',
    );
    expect((await exportIncidents(r.data, null, 'kml', { now })).mediaType).toBe(
      'application/vnd.google-earth.kml+xml',
    );
  });

  it('exports sources as CSL-JSON: all of them, or those linked to chosen incidents', async () => {
    const r = await replica('a');
    const ids = await notebook(r);
    const all = await exportSourcesCsl(r.data, null, { now: () => T0 });
    expect(all).toMatchObject({
      name: 'daftar-sources-2025-03-01.json',
      mediaType: 'application/vnd.citationstyles.csl+json',
      count: 2,
    });
    const items = JSON.parse(all.chunks.join('')) as { title: string; type: string }[];
    expect(items.map((i) => [i.title, i.type]).sort()).toEqual([
      ['Clash at checkpoint', 'article-newspaper'],
      ['Shopkeeper interview', 'interview'],
    ]);
    const ofHerat = await sourcesOfIncidents(r.data, [ids.herat, ids.unplaced]);
    const some = await exportSourcesCsl(r.data, ofHerat);
    expect((JSON.parse(some.chunks.join('')) as { title: string }[]).map((i) => i.title)).toEqual([
      'Clash at checkpoint',
    ]);
  });

  it('writes UTF-8 bytes, Dari included', () => {
    const bytes = fileBytes(['a,', 'طالبان', '\n']);
    expect(new TextDecoder().decode(bytes)).toBe('a,طالبان\n');
    expect(bytes.byteLength).toBe(2 + 12 + 1);
  });
});

describe('export, then import through the data layer', () => {
  for (const [format, readAs] of [
    ['csv', 'csv'],
    ['geojson', 'geojson'],
    ['kml', 'kml'],
  ] as const) {
    it(`${format}: another profile gets the same incidents and the same credited sources`, async () => {
      const a = await replica('a');
      await notebook(a);
      const file = await exportIncidents(a.data, null, format);
      const { plan, carried } = await readBack(file, readAs);
      expect(plan.problems).toEqual([]);

      const b = await replica('b');
      const result = await applyImport(b.data, plan, carried ? { carried } : {});
      expect(result.counts).toEqual({ new: 3, updated: 0, unchanged: 0, refused: 0 });
      expect(await incidentFields(b)).toEqual(await incidentFields(a));
      expect(await creditedSources(b)).toEqual({
        AFG1001: ['Pajhwok Afghan News', 'Shopkeeper interview'],
        AFG1002: ['Pajhwok Afghan News'],
        AFG1003: [],
      });

      // And the same file imported again into the profile it came from changes nothing.
      const before = await canonicalExport(a.data.db);
      const again = await planImport(a.data, plan, carried ? { carried } : {});
      expect(again.counts).toMatchObject({ new: 0, refused: 0 });
      // The sources were typed in, not imported: the import links its own sources to them.
      expect(again.sources.toCreate.sort()).toEqual([
        'Pajhwok Afghan News',
        'Shopkeeper interview',
      ]);
      expect(await canonicalExport(a.data.db)).toBe(before);
    });
  }

  it('acled-csv: a re-import into the same profile leaves every incident unchanged', async () => {
    const a = await replica('a');
    await applyImport(a.data, {
      format: 'acled-csv',
      incidents: [1, 2, 3].map((n) => ({
        at: { line: n + 1 },
        fields: incident({
          title: `Armed clash — District ${n}`,
          eventType: 'Battles',
          subEventType: 'Armed clash',
          externalId: `AFG${n}`,
          province: 'Kunduz',
          district: `District ${n}`,
          fatalities: n,
          latitude: 36 + n / 10,
          longitude: 68,
        }),
        sourceNames: ['Pajhwok Afghan News', 'Tolo News'],
        remarks: [],
      })),
      problems: [],
      remarks: [],
      total: 3,
    });
    const before = await canonicalExport(a.data.db);
    const file = await exportIncidents(a.data, null, 'acled-csv');
    const { plan, carried } = await readBack(file, 'csv');
    expect(plan.format).toBe('acled-csv');
    const result = await applyImport(a.data, plan, { carried });
    expect(result.counts).toEqual({ new: 0, updated: 0, unchanged: 3, refused: 0 });
    expect(result.sources).toEqual({ created: 0, reused: 2 });
    expect(await canonicalExport(a.data.db)).toBe(before);
  });
});
