import { describe, expect, it, vi } from 'vitest';
import { emptyIncident } from '../../../shared/domain/incident.ts';
import { MemoryFolder } from '../../../shared/folderSync/testing/memoryFolder.ts';
import { onDemandEnv } from '../../../test/helpers/listeningHub.ts';
import { replicasClosedAfterEach } from '../../../test/helpers/replica.ts';
import { FolderSyncService, LOCAL_CHANGE_DELAY_MS, folderEnv } from './folderSyncService.ts';

const replica = replicasClosedAfterEach();
const PASS = 'our orchard by the river';

async function service(folder: MemoryFolder, label: string, watches: boolean) {
  const r = await replica(label);
  const host = { ...folder.hostFor(), watches };
  const s = new FolderSyncService(r.data, host, folderEnv(host, onDemandEnv), {
    passphrase: { iterations: 1_000, testOnlyAllowWeakKdf: true },
  });
  await s.choose();
  await s.begin(PASS);
  await vi.waitFor(() => expect(s.status.kind).toBe('upToDate'));
  return { r, s };
}

const titles = async (r: { data: { all(kind: 'incident'): Promise<{ title: string }[]> } }) =>
  (await r.data.all('incident')).map((i) => i.title).sort();

describe('the folder sync service', () => {
  it('where the host watches the folder, a change in it brings a run on its own', async () => {
    const folder = new MemoryFolder();
    const a = await service(folder, 'a', true);
    const b = await service(folder, 'b', true);
    await a.r.data.create('incident', { ...emptyIncident('2024-05-01'), title: 'Kabul' });
    await a.s.syncNow();
    // A's file landed in the folder: B's watch fires, B reads it without being asked.
    await vi.waitFor(async () => expect(await titles(b.r)).toEqual(['Kabul']));
    expect(b.s.automatic).toBe(true);
  });

  it('where the host watches, a record saved here goes out shortly after, one run for a burst', async () => {
    const folder = new MemoryFolder();
    const timers: { ms: number; fire: () => void; cleared: boolean }[] = [];
    const env = {
      ...onDemandEnv,
      setTimer: (fire: () => void, ms: number) => {
        const timer = { ms, fire, cleared: false };
        timers.push(timer);
        return timer;
      },
      clearTimer: (timer: unknown) => void ((timer as { cleared: boolean }).cleared = true),
    };
    const r = await replica('a');
    const host = { ...folder.hostFor(), watches: true };
    const s = new FolderSyncService(r.data, host, folderEnv(host, env), {
      passphrase: { iterations: 1_000, testOnlyAllowWeakKdf: true },
    });
    await s.choose();
    await s.begin(PASS);
    await vi.waitFor(() => expect(s.status.kind).toBe('upToDate'));
    const files = folder.names().length;
    await r.data.create('incident', { ...emptyIncident('2024-05-01'), title: 'One' });
    await r.data.create('incident', { ...emptyIncident('2024-05-01'), title: 'Two' });
    const local = () => timers.filter((t) => t.ms === LOCAL_CHANGE_DELAY_MS && !t.cleared);
    await vi.waitFor(() => expect(local()).toHaveLength(1));
    expect(folder.names()).toHaveLength(files);
    local()[0]!.fire();
    await vi.waitFor(() => expect(folder.names()).toHaveLength(files + 1));
    s.stop();
  });

  it('in the web build it runs only when asked', async () => {
    const folder = new MemoryFolder();
    const a = await service(folder, 'a', false);
    const b = await service(folder, 'b', false);
    await a.r.data.create('incident', { ...emptyIncident('2024-05-01'), title: 'Herat' });
    await a.s.syncNow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await titles(b.r)).toEqual([]);
    await b.s.syncNow();
    expect(await titles(b.r)).toEqual(['Herat']);
  });

  it('stops and forgets the folder, keeping the records', async () => {
    const folder = new MemoryFolder();
    const a = await service(folder, 'a', false);
    await a.r.data.create('incident', { ...emptyIncident('2024-05-01'), title: 'Kunduz' });
    await a.s.leave();
    expect(a.s.status.kind).toBe('notJoined');
    expect(await a.s.sync.joined()).toBe(false);
    expect(await a.s.host.current()).toBeNull();
    expect(await titles(a.r)).toEqual(['Kunduz']);
  });
});
