import { describe, expect, it } from 'vitest';
import { IncidentClusters } from './incidentClusters.ts';

const point = (id: string, longitude: number, latitude: number) => ({
  id,
  title: id,
  dateStart: '2024-01-01',
  eventType: 'Battles',
  longitude,
  latitude,
});

const kabul = [point('k1', 69.172, 34.528), point('k2', 69.18, 34.53), point('k3', 69.165, 34.52)];
const herat = [point('h1', 62.2, 34.348), point('h2', 62.21, 34.342)];
const AFGHANISTAN: [number, number, number, number] = [60, 29, 75, 39];

const counts = (clusters: IncidentClusters, zoom: number, bounds = AFGHANISTAN) =>
  clusters
    .inView(bounds, zoom)
    .features.map((f) => (f.properties?.point_count as number | undefined) ?? 1)
    .sort();

describe('incident clusters', () => {
  it('groups nearby incidents at low zooms and parts them at high ones', () => {
    const clusters = new IncidentClusters([...kabul, ...herat]);
    expect(counts(clusters, 4)).toEqual([2, 3]);
    expect(counts(clusters, 15)).toEqual([1, 1, 1, 1, 1]);
    const lone = clusters.inView(AFGHANISTAN, 15).features.map((f) => f.properties?.id as string);
    expect(lone.sort()).toEqual(['h1', 'h2', 'k1', 'k2', 'k3']);
  });

  it('gives only what is near the view, and says where a cluster splits', () => {
    const clusters = new IncidentClusters([...kabul, ...herat]);
    // a view around Kabul, half a view of margin each way: Herat is too far west
    expect(counts(clusters, 6, [68, 34, 70, 35])).toEqual([3]);
    const cluster = clusters
      .inView(AFGHANISTAN, 4)
      .features.find((f) => f.properties?.point_count === 3);
    expect(clusters.expansionZoom(cluster?.properties?.cluster_id as number)).toBeGreaterThan(4);
  });

  it('handles views past the antimeridian and of the whole world', () => {
    const clusters = new IncidentClusters([
      point('fiji', 178.4, -18.1),
      point('samoa', -171.8, -13.8),
    ]);
    expect(counts(clusters, 3, [170, -25, 190, -10])).toEqual([1, 1]);
    // a view wider than the world: everything, whatever the numbers say
    const whole = counts(clusters, 0, [-300, -85, 300, 85]);
    expect(whole.reduce((a, b) => a + b, 0)).toBe(2);
    expect(new IncidentClusters([]).inView(AFGHANISTAN, 5).features).toEqual([]);
  });
});
