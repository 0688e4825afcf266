import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyIncident, type IncidentFields } from '../../shared/domain/incident.ts';
import { RecordValidationError } from '../../shared/domain/records.ts';
import type { ChangeSet } from '../../shared/sync/changes.ts';
import { encodeHlc } from '../../shared/sync/hlc.ts';
import { mergeRecord } from '../../shared/sync/merge.ts';
import { sendAll, replicasClosedAfterEach } from '../../test/helpers/replica.ts';
import { mergeIncidents } from './mergeIncidents.ts';
import {
  historyCount,
  historyRows,
  isRestorable,
  recordHistory,
  restoreFieldValue,
  restoreRecordBefore,
  RestoreRefusedError,
  type HistoryRow,
} from './recordHistory.ts';

const replica = replicasClosedAfterEach();

const incident = (title: string, patch: Partial<IncidentFields> = {}): IncidentFields => ({
  ...emptyIncident('2024-05-01'),
  title,
  ...patch,
});

/** An incident whose title two devices edited concurrently, each unaware of the other's edit. */
async function titleEditedOnTwoDevices() {
  const a = await replica('a');
  const b = await replica('b');
  const { id } = await a.data.create('incident', incident('Explosion in Kabul'));
  await sendAll(a, b);
  a.clock.now += 1_000;
  b.clock.now += 2_000;
  await a.data.update('incident', id, { title: 'Explosion in Kabul, 3 killed' });
  await b.data.update('incident', id, { title: 'Explosion near Kabul airport' });
  return { a, b, id };
}

/** The rows of one field, newest first, as [before, after, event]. */
const rowsOf = (rows: HistoryRow[], field: string) =>
  rows.filter((r) => r.field === field).map((r) => [r.before, r.after, r.event]);

/** An incident titled "First", edited to "Second" and then "Third", a second apart. */
async function editedTwice() {
  const r = await replica('a');
  const { id } = await r.data.create('incident', incident('First'));
  r.clock.now += 1_000;
  await r.data.update('incident', id, { title: 'Second' });
  r.clock.now += 1_000;
  await r.data.update('incident', id, { title: 'Third' });
  return { r, id };
}

describe('history rows', () => {
  it('list each field a change wrote, newest first, with the value before and after', async () => {
    const { r, id } = await editedTwice();
    const rows = await recordHistory(r.data, 'incident', id);
    expect(rowsOf(rows, 'title')).toEqual([
      ['Second', 'Third', 'edited'],
      ['First', 'Second', 'edited'],
      [undefined, 'First', 'created'],
    ]);
    // The creation writes every field; nothing was there before it.
    const created = rows.filter((row) => row.event === 'created');
    expect(created.map((row) => row.field)).toEqual(Object.keys(incident('First')));
    expect(created.every((row) => row.before === undefined)).toBe(true);
    expect(rows[0]!.change).toMatchObject({ author: 'a', device: r.data.deviceId });
    expect(rows.every((row) => !row.conflict)).toBe(true);
    expect(await historyCount(r.data, 'incident', id)).toBe(3);
  });

  it('mark a deletion and a restore of the record', async () => {
    const { r, id } = await editedTwice();
    const deleted = await r.data.deleteWithLinks('incident', id);
    await r.data.write(deleted.undo);
    const rows = await recordHistory(r.data, 'incident', id);
    expect(rowsOf(rows, 'deleted')).toEqual([
      [true, false, 'restored'],
      [undefined, true, 'deleted'],
    ]);
  });

  it('show concurrent edits from two devices in clock order, the later one as a conflict', async () => {
    const { a, b, id } = await titleEditedOnTwoDevices();
    await sendAll(a, b);
    await sendAll(b, a);

    const onA = await recordHistory(a.data, 'incident', id);
    const onB = await recordHistory(b.data, 'incident', id);
    expect(onB).toEqual(onA);
    const titles = onA.filter((row) => row.field === 'title');
    // b's change has the later clock: before it, the merge of the earlier ones showed a's title,
    // although b never saw it — which is why the row says it left the field in conflict.
    expect(titles.map((row) => [row.change.author, row.before, row.after, row.conflict])).toEqual([
      ['b', 'Explosion in Kabul, 3 killed', 'Explosion near Kabul airport', true],
      ['a', 'Explosion in Kabul', 'Explosion in Kabul, 3 killed', false],
      ['a', undefined, 'Explosion in Kabul', false],
    ]);
  });

  it('give as "before" exactly what the merge of the earlier changes shows', () => {
    // Random histories of one record: three devices, two fields, bases naming any earlier
    // versions (or none, as before `base` existed), compared with merging every prefix anew.
    const step = fc.record({
      device: fc.constantFrom('aaaa', 'bbbb', 'cccc'),
      field: fc.constantFrom('title', 'notes'),
      value: fc.constantFrom('x', 'y', 'z'),
      replaces: fc.option(fc.array(fc.nat(30), { maxLength: 3 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        const changes: ChangeSet[] = steps.map((s, i) => {
          const hlc = encodeHlc({ wall: 1_000 + i, counter: 0, device: s.device });
          const earlier = s.replaces?.map((n) =>
            encodeHlc({
              wall: 1_000 + (n % (i + 1)),
              counter: 0,
              device: steps[n % (i + 1)]!.device,
            }),
          );
          return {
            hlc,
            kind: 'incident',
            recordId: 'r',
            device: s.device,
            author: s.device,
            fields: { [s.field]: s.value },
            ...(earlier === undefined ? {} : { base: { [s.field]: earlier } }),
          };
        });
        const rows = historyRows(changes).reverse();
        rows.forEach((row, i) => {
          expect(row.before).toEqual(mergeRecord(changes.slice(0, i)).fields[row.field]);
        });
      }),
    );
  });
});

describe('history of an incident others were merged into', () => {
  it("includes each merged incident's rows, marked, even after the survivor is deleted", async () => {
    const r = await replica('a');
    const { id: kept } = await r.data.create('incident', incident('Explosion in Kabul'));
    r.clock.now += 1_000;
    const { id: merged } = await r.data.create('incident', incident('Blast near Kabul airport'));
    r.clock.now += 1_000;
    await mergeIncidents(r.data, kept, merged);

    const rows = await recordHistory(r.data, 'incident', kept);
    expect(rowsOf(rows, 'title')).toEqual([
      [undefined, 'Blast near Kabul airport', 'created'],
      [undefined, 'Explosion in Kabul', 'created'],
    ]);
    expect(rows.filter((row) => row.field === 'title').map((row) => row.mergedFrom)).toEqual([
      merged,
      undefined,
    ]);
    // The merge itself: the survivor's change of mergedFrom, then the merged one's deletion.
    expect(rows.slice(0, 2).map((row) => [row.field, row.mergedFrom])).toEqual([
      ['deleted', merged],
      ['mergedFrom', undefined],
    ]);

    await r.data.deleteWithLinks('incident', kept);
    const afterDeletion = await recordHistory(r.data, 'incident', kept);
    expect(afterDeletion.some((row) => row.mergedFrom === merged)).toBe(true);
  });
});

describe('restoring a value', () => {
  it('writes it as one new change, leaving the earlier ones untouched, and can be undone', async () => {
    const { r, id } = await editedTwice();
    const before = await r.data.history('incident', id);
    r.clock.now += 1_000;
    const written = await restoreFieldValue(r.data, 'incident', id, 'title', 'First');

    expect(written.changes).toHaveLength(1);
    expect(written.changes[0]!.fields).toEqual({ title: 'First' });
    const after = await r.data.history('incident', id);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    expect((await r.data.get('incident', id))!.title).toBe('First');
    const rows = await recordHistory(r.data, 'incident', id);
    expect(rowsOf(rows, 'title')[0]).toEqual(['Third', 'First', 'edited']);

    await r.data.write(written.undo);
    expect((await r.data.get('incident', id))!.title).toBe('Third');
    expect(await r.data.history('incident', id)).toHaveLength(before.length + 2);
  });

  it('writes nothing when the field already shows the value', async () => {
    const { r, id } = await editedTwice();
    const written = await restoreFieldValue(r.data, 'incident', id, 'title', 'Third');
    expect(written.changes).toEqual([]);
    expect(await r.data.history('incident', id)).toHaveLength(3);
  });

  it('refuses a value that would make the record invalid, and writes nothing', async () => {
    const r = await replica('a');
    const { id } = await r.data.create(
      'incident',
      incident('Clashes', { dateStart: '2024-05-01', dateEnd: '2024-05-02' }),
    );
    await r.data.update('incident', id, { dateEnd: '2024-05-30' });
    await r.data.update('incident', id, { dateStart: '2024-05-20' });
    const history = await r.data.history('incident', id);
    const record = await r.data.get('incident', id);

    await expect(
      restoreFieldValue(r.data, 'incident', id, 'dateEnd', '2024-05-02'),
    ).rejects.toBeInstanceOf(RecordValidationError);
    expect(await r.data.history('incident', id)).toEqual(history);
    expect(await r.data.get('incident', id)).toEqual(record);
  });

  it('refuses fields fixed at creation and deleted records', async () => {
    const { r, id } = await editedTwice();
    const { id: note } = await r.data.review.annotate(
      { kind: 'incident', id, field: 'title' },
      'comment',
      'Which title does the source use?',
    );
    expect(isRestorable('annotation', 'targetId')).toBe(false);
    expect(isRestorable('annotation', 'body')).toBe(true);
    expect(isRestorable('incident', 'deleted')).toBe(false);
    await expect(
      restoreFieldValue(r.data, 'annotation', note, 'targetId', 'elsewhere'),
    ).rejects.toBeInstanceOf(RestoreRefusedError);

    await r.data.deleteWithLinks('incident', id);
    const count = (await r.data.history('incident', id)).length;
    await expect(restoreFieldValue(r.data, 'incident', id, 'title', 'First')).rejects.toMatchObject(
      { code: 'notFound' },
    );
    expect(await r.data.history('incident', id)).toHaveLength(count);
  });

  it('resolves a conflict on the field, on every device the change reaches', async () => {
    const { a, b, id } = await titleEditedOnTwoDevices();
    await sendAll(b, a);
    expect(await a.data.exchange.conflictsOf('incident', id)).toHaveLength(1);

    a.clock.now += 5_000;
    const written = await restoreFieldValue(a.data, 'incident', id, 'title', 'Explosion in Kabul');
    expect(written.changes[0]!.base!.title).toHaveLength(2);
    expect(await a.data.exchange.conflictsOf('incident', id)).toEqual([]);
    await sendAll(a, b);
    for (const r of [a, b]) {
      expect(await r.data.exchange.conflictsOf('incident', id)).toEqual([]);
      expect((await r.data.get('incident', id))!.title).toBe('Explosion in Kabul');
    }
  });
});

describe('restoring the record as it was before a change', () => {
  it('writes every field that differs in one change', async () => {
    const r = await replica('a');
    const original = incident('Arrests in Herat', { placeName: 'Herat', fatalities: null });
    const { id } = await r.data.create('incident', original);
    r.clock.now += 1_000;
    const edit = await r.data.update('incident', id, { title: 'Arrests of journalists in Herat' });
    r.clock.now += 1_000;
    await r.data.update('incident', id, { placeName: 'Herat city', fatalities: 0 });
    const count = (await r.data.history('incident', id)).length;

    r.clock.now += 1_000;
    const written = await restoreRecordBefore(r.data, 'incident', id, edit.changes[0]!.hlc);
    expect(written.changes).toHaveLength(1);
    expect(written.changes[0]!.fields).toEqual({
      title: 'Arrests in Herat',
      placeName: 'Herat',
      fatalities: null,
    });
    expect(await r.data.history('incident', id)).toHaveLength(count + 1);
    const { id: _id, created: _c, updated: _u, ...fields } = (await r.data.get('incident', id))!;
    expect(fields).toEqual(original);

    await r.data.write(written.undo);
    expect((await r.data.get('incident', id))!.placeName).toBe('Herat city');
    // The undo brought back the record as it was before the restore: nothing differs from that.
    const restored = written.changes[0]!.hlc;
    expect((await restoreRecordBefore(r.data, 'incident', id, restored)).changes).toEqual([]);
  });
});
