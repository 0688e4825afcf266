import { describe, expect, it } from 'vitest';
import { emptyIncident, type IncidentFields } from '../../shared/domain/incident.ts';
import { FOLDER_DESCRIPTION_FILE } from '../../shared/folderSync/folderDescription.ts';
import { isFolderSyncError } from '../../shared/folderSync/folderSyncError.ts';
import { MemoryFolder } from '../../shared/folderSync/testing/memoryFolder.ts';
import { replicasClosedAfterEach, type Replica } from '../../test/helpers/replica.ts';
import { FolderSync } from './folderSync.ts';

const replica = replicasClosedAfterEach();
const WEAK = { iterations: 1_000, testOnlyAllowWeakKdf: true } as const;
const PASS = 'our orchard by the river';
const CANARY = 'QZX-folder-canary-41d2';

const incident = (title: string, patch: Partial<IncidentFields> = {}): IncidentFields => ({
  ...emptyIncident('2024-05-01'),
  title,
  ...patch,
});

interface Member {
  r: Replica;
  sync: FolderSync;
}

async function member(folder: MemoryFolder, label: string, passphrase = PASS): Promise<Member> {
  const r = await replica(label);
  const sync = new FolderSync(r.data, folder.hostFor(), {
    now: () => r.clock.now,
    passphrase: WEAK,
  });
  await sync.host.choose();
  await sync.begin(passphrase);
  return { r, sync };
}

async function titles(m: Member): Promise<string[]> {
  return (await m.r.data.all('incident')).map((i) => i.title).sort();
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isFolderSyncError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('folder sync', () => {
  it('carries records both ways through the folder, sealed, and never sends them back', async () => {
    const folder = new MemoryFolder();
    const a = await member(folder, 'a');
    expect(folder.names()).toEqual([FOLDER_DESCRIPTION_FILE]);
    const b = await member(folder, 'b');

    await a.r.data.create('incident', incident(`Kabul checkpoint ${CANARY}`));
    expect(await a.sync.pendingChanges()).toBe(1);
    const first = await a.sync.run();
    expect(first).toMatchObject({ pulled: 0, pushed: 1 });
    expect(first.written).toMatch(/^daftar-.*\.daftarsync$/);
    expect(await a.sync.pendingChanges()).toBe(0);
    // Nothing in the folder is readable: the canary is in no file.
    for (const file of folder.files.values()) {
      expect(Buffer.from(file.bytes).toString('latin1')).not.toContain(CANARY);
    }

    expect(await b.sync.run()).toMatchObject({ pulled: 1, pushed: 0, written: null });
    expect(await titles(b)).toEqual([`Kabul checkpoint ${CANARY}`]);

    b.r.clock.now += 60_000;
    await b.r.data.create('incident', incident('Herat protest'));
    expect(await b.sync.run()).toMatchObject({ pulled: 0, pushed: 1 });
    expect(await a.sync.run()).toMatchObject({ pulled: 1, pushed: 0 });
    expect(await titles(a)).toEqual(await titles(b));
    // Quiet afterwards: nothing new to read, nothing to write.
    const files = folder.names().length;
    expect(await a.sync.run()).toMatchObject({ pulled: 0, pushed: 0 });
    expect(await b.sync.run()).toMatchObject({ pulled: 0, pushed: 0 });
    expect(folder.names()).toHaveLength(files);
  });

  it('opens an existing folder only with its passphrase', async () => {
    const folder = new MemoryFolder();
    await member(folder, 'a');
    const r = await replica('b');
    const sync = new FolderSync(r.data, folder.hostFor(), { passphrase: WEAK });
    await sync.host.choose();
    expect(await sync.inspect()).toBe('described');
    expect(await codeOf(sync.begin('a guess'))).toBe('wrongFolderPassphrase');
    expect(await sync.joined()).toBe(false);
    await sync.begin(PASS);
    expect(await sync.joined()).toBe(true);
  });

  it('refuses a file still arriving, and takes it once it is whole', async () => {
    const folder = new MemoryFolder();
    const a = await member(folder, 'a');
    const b = await member(folder, 'b');
    await a.r.data.create('incident', incident('Ghazni arrests'));
    const { written } = await a.sync.run();
    const whole = folder.files.get(written!)!.bytes;
    // B's copy of the folder has only the first part of the file so far.
    folder.put(written!, whole.slice(0, 100));
    const early = await b.sync.run();
    expect(early.pulled).toBe(0);
    expect(early.refused).toMatchObject([{ name: written, size: 100, code: 'cannotDecrypt' }]);
    // Same size: not tried again.
    expect((await b.sync.run()).refused).toEqual([]);
    folder.put(written!, whole);
    expect(await b.sync.run()).toMatchObject({ pulled: 1, refused: [] });
    expect(await titles(b)).toEqual(['Ghazni arrests']);
  });

  it('refuses a file sealed for another folder, or not a bundle, and goes on with the rest', async () => {
    const folder = new MemoryFolder();
    const other = new MemoryFolder();
    const a = await member(folder, 'a');
    const b = await member(folder, 'b');
    const stranger = await member(other, 'x');
    await stranger.r.data.create('incident', incident('Not for this team'));
    const { written: foreign } = await stranger.sync.run();
    folder.put(foreign!, other.files.get(foreign!)!.bytes);
    folder.put('daftar-junk-20260101T000000Z-AAAAAAAA.daftarsync', new Uint8Array(64).fill(7));
    await a.r.data.create('incident', incident('Bamyan flood'));
    await a.sync.run();
    const run = await b.sync.run();
    expect(run.pulled).toBe(1);
    expect(run.refused.map((r) => r.code).sort()).toEqual(['cannotDecrypt', 'notAnEnvelope']);
    expect(await titles(b)).toEqual(['Bamyan flood']);
    expect(await b.sync.store.refusals()).toHaveLength(2);
  });

  it('stops with a clear reason when the folder lost its description or is another team’s', async () => {
    const folder = new MemoryFolder();
    const a = await member(folder, 'a');
    await a.r.data.create('incident', incident('Kunduz'));
    const description = folder.files.get(FOLDER_DESCRIPTION_FILE)!;
    folder.files.delete(FOLDER_DESCRIPTION_FILE);
    expect(await codeOf(a.sync.run())).toBe('noFolderDescription');
    const replaced = new MemoryFolder();
    await member(replaced, 'z');
    folder.files.set(FOLDER_DESCRIPTION_FILE, replaced.files.get(FOLDER_DESCRIPTION_FILE)!);
    expect(await codeOf(a.sync.run())).toBe('folderReplaced');
    // Nothing was written meanwhile; with the right folder back, the change goes out.
    expect(folder.names()).toEqual([FOLDER_DESCRIPTION_FILE]);
    folder.files.set(FOLDER_DESCRIPTION_FILE, description);
    expect(await a.sync.run()).toMatchObject({ pushed: 1 });
  });

  it('refuses a file it cannot read and goes on; stops when the whole folder is gone', async () => {
    const folder = new MemoryFolder();
    const a = await member(folder, 'a');
    const r = await replica('b');
    const host = folder.hostFor();
    let broken: string | null = null;
    let folderGone = false;
    const read = host.read;
    host.read = async (name, offset, length) => {
      if (folderGone) throw new Error('The sync folder cannot be found.');
      if (name === broken) throw new Error('EACCES: permission denied');
      return read(name, offset, length);
    };
    const list = host.list;
    host.list = async () => {
      if (folderGone) throw new Error('The sync folder cannot be found.');
      return list();
    };
    const b = { r, sync: new FolderSync(r.data, host, { passphrase: WEAK }) };
    await b.sync.host.choose();
    await b.sync.begin(PASS);
    await a.r.data.create('incident', incident('Locked file'));
    broken = (await a.sync.run()).written;
    a.r.clock.now += 1_000;
    await a.r.data.create('incident', incident('Readable file'));
    await a.sync.run();
    const run = await b.sync.run();
    expect(run.refused).toMatchObject([{ name: broken, code: 'unreadable' }]);
    expect(await titles(b)).toEqual(['Readable file']);
    // Its permissions mended (the file changed), it is read.
    broken = null;
    folder.put(run.refused[0]!.name, folder.files.get(run.refused[0]!.name)!.bytes);
    expect((await b.sync.run()).pulled).toBe(1);
    // A folder gone is not one file's problem: the run stops and refuses nothing.
    a.r.clock.now += 1_000;
    await a.r.data.create('incident', incident('Later'));
    await a.sync.run();
    folderGone = true;
    await expect(b.sync.run()).rejects.toThrow('cannot be found');
    expect(await b.sync.store.refusals()).toHaveLength(1);
  });

  it('passes over a file the app stopped on twice while reading it', async () => {
    const folder = new MemoryFolder();
    const a = await member(folder, 'a');
    const b = await member(folder, 'b');
    await a.r.data.create('incident', incident('Huge'));
    const { written } = await a.sync.run();
    const entry = (await b.sync.host.list()).find((e) => e.name === written)!;
    // Two runs that never finished this file (the app crashed while reading it).
    await b.sync.store.startReading(entry);
    await b.sync.store.startReading(entry);
    const run = await b.sync.run();
    expect(run.refused).toMatchObject([{ name: written, code: 'readCrashed' }]);
    expect(await titles(b)).toEqual([]);
    // A clean run leaves no mark: the next file is read normally.
    a.r.clock.now += 1_000;
    await a.r.data.create('incident', incident('Small'));
    await a.sync.run();
    expect((await b.sync.run()).pulled).toBe(1);
  });

  it('names its files with a writer name of its own, not the device id that signs them', async () => {
    const folder = new MemoryFolder();
    const a = await member(folder, 'a');
    await a.r.data.create('incident', incident('Kabul'));
    const { written } = await a.sync.run();
    expect(written).not.toContain(a.r.data.deviceId);
    const { writer } = (await a.sync.store.config())!;
    expect(written!.startsWith(`daftar-${writer}-`)).toBe(true);
  });

  it('stops when cancelled, and the next run finishes the work', async () => {
    const folder = new MemoryFolder();
    const a = await member(folder, 'a');
    const b = await member(folder, 'b');
    for (const title of ['One', 'Two', 'Three']) {
      a.r.clock.now += 1_000;
      await a.r.data.create('incident', incident(title));
      await a.sync.run();
    }
    const controller = new AbortController();
    const run = b.sync.run({
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'pulling' && p.bundle === 2) controller.abort(new Error('Sync cancelled.'));
      },
    });
    await expect(run).rejects.toThrow('Sync cancelled.');
    expect((await titles(b)).length).toBeLessThan(3);
    await b.sync.run();
    expect(await titles(b)).toEqual(['One', 'Three', 'Two']);
  });

  it('three laptops that sync at different times end with the same records', async () => {
    const folder = new MemoryFolder();
    const team = [await member(folder, 'a'), await member(folder, 'b'), await member(folder, 'c')];
    for (let round = 0; round < 4; round++) {
      for (const [i, m] of team.entries()) {
        m.r.clock.now += 1_000 * (i + 1);
        if ((round + i) % 2 === 0) await m.r.data.create('incident', incident(`r${round} by ${i}`));
        if ((round * 3 + i) % 4 !== 1) await m.sync.run();
      }
    }
    for (const m of team) await m.sync.run();
    for (const m of team) await m.sync.run();
    const expected = await titles(team[0]!);
    expect(expected.length).toBe(6);
    for (const m of team) expect(await titles(m)).toEqual(expected);
    for (const m of team) expect(await m.sync.pendingChanges()).toBe(0);
  });
});
