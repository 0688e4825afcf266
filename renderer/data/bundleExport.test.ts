import { describe, expect, it } from 'vitest';
import { readBundle } from '../../shared/bundle/readBundle.ts';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { replicasClosedAfterEach } from '../../test/helpers/replica.ts';
import { collectBundleContent } from './bundleExport.ts';
import {
  holdingCoverage,
  joinCoverage,
  NOTHING_HELD,
  pendingFor,
  type HeldCoverage,
} from './heldCoverage.ts';

const replica = replicasClosedAfterEach();
const incident = (title: string) => ({ ...emptyIncident('2024-05-01'), title });

describe('the notHeld scope', () => {
  it('holds everything at first, then only what was written since the hub got the rest', async () => {
    const a = await replica('a');
    await a.data.create('incident', incident('One'));
    await a.data.create('incident', incident('Two'));
    const all = await collectBundleContent(a.data.db, {
      kind: 'notHeld',
      by: 'hub',
      held: NOTHING_HELD,
    });
    expect(all.changes).toHaveLength(2);
    const bundle = await a.data.exchange.exportBundle({
      kind: 'notHeld',
      by: 'hub',
      held: NOTHING_HELD,
    });
    const opened = await readBundle(bundle.bytes, { now: a.clock.now });
    expect(opened.manifest.scope).toEqual({ kind: 'unseenBy', teammate: 'hub' });

    const onHub = await holdingCoverage(a.data.db);
    expect(await pendingFor(a.data.db, onHub)).toEqual({ changes: 0, custody: 0 });
    a.clock.now += 1_000;
    const { id } = await a.data.create('incident', incident('Three'));
    const next = await collectBundleContent(a.data.db, { kind: 'notHeld', by: 'hub', held: onHub });
    expect(next.changes.map((c) => c.recordId)).toEqual([id]);
  });

  it('sends all of a device’s change sets again when older ones of it arrived since', async () => {
    const a = await replica('a');
    const x = await replica('x');
    await x.data.create('incident', incident('Old, by USB later'));
    x.clock.now += 1_000;
    const { id } = await x.data.create('incident', incident('Newer'));
    // A gets X's newer incident first (a bundle of that incident alone), and the hub gets it.
    const some = await x.data.exchange.exportBundle({ kind: 'incidents', ids: [id] });
    await a.data.exchange.applyBundle(await a.data.exchange.openBundle(some.bytes));
    const onHub = await holdingCoverage(a.data.db);
    expect(await pendingFor(a.data.db, onHub)).toEqual({ changes: 0, custody: 0 });
    // Then X's older one, by USB: the hub may lack it, and the count says so.
    const everything = await x.data.exchange.exportBundle({ kind: 'all' });
    await a.data.exchange.applyBundle(await a.data.exchange.openBundle(everything.bytes));
    const pending = await collectBundleContent(a.data.db, {
      kind: 'notHeld',
      by: 'hub',
      held: onHub,
    });
    expect(pending.changes.map((c) => c.device)).toEqual([x.data.deviceId, x.data.deviceId]);
  });

  it('joins two claims per device, the one reaching further winning, whatever the device is called', () => {
    const older: HeldCoverage = {
      changes: { a: { last: '1', count: 1 }, ['__proto__']: { last: '5', count: 5 } },
      custody: {},
    };
    const newer: HeldCoverage = JSON.parse(
      '{"changes":{"a":{"last":"2","count":2},"__proto__":{"last":"4","count":4}},"custody":{"b":{"last":"9","count":1}}}',
    ) as HeldCoverage;
    const joined = joinCoverage(older, newer);
    expect(Object.hasOwn(joined.changes, '__proto__')).toBe(true);
    expect(JSON.stringify(joined)).toBe(
      '{"changes":{"a":{"last":"2","count":2},"__proto__":{"last":"5","count":5}},"custody":{"b":{"last":"9","count":1}}}',
    );
  });
});
