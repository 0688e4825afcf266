/**
 * The real third-party files of ../shared/fixtures imported all the way into a profile, as the
 * Import screen does: read, checked, applied. Every row or feature lands (or is reported with its
 * line or index), with the values of the file; the same file again changes nothing.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../shared/interchange/columnMapping.ts';
import { inspectCsv, readCsv } from '../../shared/interchange/csv/readCsv.ts';
import { inspectGeoJson, readGeoJson } from '../../shared/interchange/geo/readGeoJson.ts';
import { canonicalExport } from '../../renderer/data/canonicalExport.ts';
import { applyImport } from '../../renderer/data/importApply.ts';
import { planImport } from '../../renderer/data/importDryRun.ts';
import { replicasClosedAfterEach } from '../helpers/replica.ts';
import { sharedFixture } from '../helpers/sharedFixtures.ts';

const blobOf = (name: string) => new Blob([sharedFixture(name) as Uint8Array<ArrayBuffer>]);
const textOf = (name: string) => new TextDecoder().decode(sharedFixture(name));

describe('importing the real fixtures into a profile', () => {
  const openReplica = replicasClosedAfterEach();

  it('lands all 500 rows of the legacy ACLED file, and a second import changes nothing', async () => {
    const r = await openReplica('acled');
    const file = blobOf('acled_africa_2016-07_legacy_schema.csv');
    const preview = await inspectCsv(file);
    expect(preview.acled).toBe('acled-legacy');
    const plan = await readCsv(file, preview.suggested, { format: preview.format });
    expect(plan.problems).toEqual([]);
    const result = await applyImport(r.data, plan);
    expect(result.counts).toEqual({ new: 500, updated: 0, unchanged: 0, refused: 0 });
    const incidents = await r.data.all('incident');
    expect(incidents).toHaveLength(500);
    // Each row, read independently with PapaParse, is one incident with the row's values.
    const rows = Papa.parse<Record<string, string>>(
      textOf('acled_africa_2016-07_legacy_schema.csv'),
      {
        header: true,
        skipEmptyLines: true,
      },
    ).data;
    expect(rows).toHaveLength(500);
    const byId = new Map(incidents.map((i) => [i.externalId, i]));
    expect(byId.size).toBe(500);
    for (const row of rows) {
      const incident = byId.get(row.event_id_cnty!);
      expect(incident, row.event_id_cnty).toBeDefined();
      expect({
        dateStart: incident!.dateStart,
        fatalities: incident!.fatalities,
        latitude: incident!.latitude,
        longitude: incident!.longitude,
        country: incident!.country,
        province: incident!.province,
        notes: incident!.notes.trim(),
        actor1: incident!.actors.find((a) => a.role === 'actor1')?.name ?? '',
      }).toEqual({
        dateStart: row.event_date,
        fatalities: Number(row.fatalities),
        latitude: Number(row.latitude),
        longitude: Number(row.longitude),
        country: row.country,
        province: row.admin1,
        notes: row.notes!.trim(),
        actor1: row.actor1!.trim(),
      });
    }
    // The credited sources became source records, each linked to the incidents crediting it.
    expect(result.sources.created).toBeGreaterThan(0);
    expect(await r.data.count('source')).toBe(result.sources.created);
    expect(await r.data.count('link')).toBe(result.links);

    const before = await canonicalExport(r.data.db);
    const again = await planImport(r.data, await readCsv(file, preview.suggested));
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: 500, refused: 0 });
    await applyImport(r.data, await readCsv(file, preview.suggested));
    expect(await canonicalExport(r.data.db)).toBe(before);
  });

  it('lands the 162 placed Natural Earth features and reports the one without geometry', async () => {
    const r = await openReplica('places');
    const file = blobOf('supercluster_places_naturalearth.geojson');
    const summary = await inspectGeoJson(file);
    const mapping = { ...suggestMapping(summary.propertyNames), ...summary.suggested };
    const plan = await readGeoJson(file, mapping, { undatedAs: '2024-01-01' });
    // The feature with `"geometry": null` (Null Island, index 162) comes in unplaced, saying why.
    const unplaced = plan.incidents.filter((i) => i.fields.latitude === null);
    expect(unplaced.map((i) => [i.at, i.remarks.map((m) => m.key)])).toEqual([
      [{ feature: 162 }, ['interchange.geo.noGeometry']],
    ]);
    const result = await applyImport(r.data, plan);
    expect(result.counts).toEqual({ new: 163, updated: 0, unchanged: 0, refused: 0 });
    const incidents = await r.data.all('incident');
    const placed = incidents.filter((i) => i.latitude !== null);
    expect(placed).toHaveLength(162);
    const features = (
      JSON.parse(textOf('supercluster_places_naturalearth.geojson')) as {
        features: { properties: { name: string }; geometry: { coordinates: number[] } | null }[];
      }
    ).features;
    // Each placed feature is an incident named after it, at its coordinates.
    for (const feature of features.filter((f) => f.geometry !== null)) {
      const [lon, lat] = feature.geometry!.coordinates;
      expect(placed).toContainEqual(
        expect.objectContaining({ title: feature.properties.name, latitude: lat, longitude: lon }),
      );
    }
  });
});
