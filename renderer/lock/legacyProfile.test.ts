import { describe, expect, it } from 'vitest';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { emptySource } from '../../shared/domain/source.ts';
import { rawRows, textOf } from '../../test/helpers/rawIndexedDb.ts';
import { testSealer } from '../../test/helpers/testSealer.ts';
import { DaftarData } from '../data/daftarData.ts';
import { DEFAULT_DATABASE_NAME } from '../data/database.ts';
import { hasLegacyProfile, moveLegacyProfile, type MoveProgress } from './legacyProfile.ts';

describe('a profile from before the app lock', () => {
  it('is moved into a sealed database, whole, and the plain one is deleted', async () => {
    const legacy = await DaftarData.open({ name: DEFAULT_DATABASE_NAME, sealer: null });
    await legacy.saveProfile({ name: 'Mariam', role: 'researcher' });
    const { id } = await legacy.create('incident', {
      ...emptyIncident('2023-04-01'),
      title: 'CANARYlegacy raid',
    });
    await legacy.update('incident', id, { notes: 'CANARYlegacy witness' });
    const device = legacy.deviceId;
    legacy.close();
    expect(await hasLegacyProfile()).toBe(true);

    const target = `daftar-${crypto.randomUUID()}`;
    const progress: MoveProgress[] = [];
    await moveLegacyProfile(target, testSealer(), (p) => progress.push(p));
    expect(await hasLegacyProfile()).toBe(false);
    expect(progress.find((p) => p.table === 'incidents')).toEqual({
      table: 'incidents',
      done: 1,
      total: 1,
    });
    expect(textOf([...(await rawRows(target)).values()])).not.toContain('CANARYlegacy');

    const moved = await DaftarData.open({ name: target, sealer: testSealer() });
    expect(moved.deviceId).toBe(device);
    expect(moved.profile?.name).toBe('Mariam');
    expect(await moved.get('incident', id)).toMatchObject({
      title: 'CANARYlegacy raid',
      notes: 'CANARYlegacy witness',
    });
    expect(await moved.history('incident', id)).toHaveLength(2);
    moved.close();
  });

  it('is moved again, whole, when the app died half-way through a move', async () => {
    const legacy = await DaftarData.open({ name: DEFAULT_DATABASE_NAME, sealer: null });
    const { id } = await legacy.create('incident', { ...emptyIncident('2023-04-02'), title: 'A' });
    await legacy.create('source', { ...emptySource('2023-04-03'), title: 'S' });
    legacy.close();
    const target = `daftar-${crypto.randomUUID()}`;
    const died = new Error('the app was closed');
    await expect(
      moveLegacyProfile(target, testSealer(), (p) => {
        if (p.table === 'incidents') throw died;
      }),
    ).rejects.toBe(died);
    expect(await hasLegacyProfile()).toBe(true);

    await moveLegacyProfile(target, testSealer());
    expect(await hasLegacyProfile()).toBe(false);
    const moved = await DaftarData.open({ name: target, sealer: testSealer() });
    expect((await moved.get('incident', id))?.title).toBe('A');
    expect(await moved.count('incident')).toBe(1);
    expect(await moved.count('source')).toBe(1);
    moved.close();
  });
});
