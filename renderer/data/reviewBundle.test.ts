/**
 * Review-only bundles (scope `review`): a reviewer sends back their annotations and status steps
 * and nothing else — no content edits, no one else's changes — and the researcher's records gain
 * exactly those, with every other field untouched and the "unseen by" bookkeeping unchanged. A
 * profile that lacks the records keeps the review work waiting, without half records, until the
 * records arrive.
 */
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../shared/bundle/readBundle.ts';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { isReviewWork, STATUS_FIELDS } from '../../shared/domain/reviewWork.ts';
import { emptySource } from '../../shared/domain/source.ts';
import { anchorOf } from '../../shared/review/textAnchor.ts';
import { canonicalJson } from '../../shared/util/canonicalJson.ts';
import { sendAll, type Replica, replicasClosedAfterEach } from '../../test/helpers/replica.ts';

const NOTES = 'Three killed at the checkpoint near Pul-e Charkhi; the police say two.';

const replica = replicasClosedAfterEach();

/** A record's fields other than its status, as stored: what a review must leave alone. */
async function content(r: Replica, kind: 'incident' | 'source', id: string) {
  const record = (await r.data.get(kind, id)) as Record<string, unknown> | undefined;
  if (!record) return undefined;
  const rest = Object.fromEntries(
    Object.entries(record).filter(([field]) => !STATUS_FIELDS.includes(field)),
  );
  return canonicalJson({ ...rest, updated: undefined });
}

/** A researcher's incident and source, reviewed by a teammate who also made an ordinary edit. */
async function reviewed() {
  const researcher = await replica('res', 'Researcher Rahimi');
  const reviewer = await replica('rev', 'Reviewer Karimi');
  const r = researcher.data;
  const { id: incident } = await r.create('incident', {
    ...emptyIncident('2025-02-28'),
    title: 'Checkpoint attack',
    notes: NOTES,
  });
  const { id: source } = await r.create('source', { ...emptySource('2025-02-28'), title: 'TOLO' });
  await r.link(incident, source, ['fatalities']);
  await r.review.setStatus('incident', incident, 'submitted', '');
  await r.review.setStatus('source', source, 'submitted', '');
  const { id: question } = await r.review.annotate(
    { kind: 'incident', id: incident },
    'question',
    'Is the police figure sourced?',
  );
  await sendAll(researcher, reviewer);
  // The researcher learns what the reviewer has seen from a bundle of everything.
  await sendAll(reviewer, researcher);

  const v = reviewer.data;
  reviewer.clock.now += 60_000;
  const start = NOTES.indexOf('the police say two');
  const { id: thread } = await v.review.annotate(
    { kind: 'incident', id: incident, field: 'notes' },
    'correction',
    'The ministry said three.',
    { anchor: anchorOf(NOTES, start, start + 'the police say two'.length), suggestion: 'three' },
  );
  await v.review.reply(thread, 'Checked against the TOLO report.');
  await v.review.reply(question, 'Yes: TOLO, second paragraph.');
  await v.review.setThreadState(question, 'resolved');
  await v.review.annotate({ kind: 'source', id: source }, 'comment', 'Reliable outlet.');
  await v.review.setStatus('incident', incident, 'disputed', 'Figures differ');
  await v.review.setStatus('source', source, 'verified', 'Matches the broadcast');
  // Content edits are not review work: they stay out of a review bundle.
  await v.update('incident', incident, { tags: ['checked'] });
  return { researcher, reviewer, incident, source, thread, question };
}

describe('a bundle of review work', () => {
  it('carries exactly the reviewer’s annotations and status steps, and their custody', async () => {
    const { researcher, reviewer, source } = await reviewed();
    const v = reviewer.data;
    const bundle = await v.exchange.exportBundle({ kind: 'review', device: v.deviceId });
    const opened = await readBundle(bundle.bytes, { now: reviewer.clock.now });

    const expected = (await v.store.allChanges()).filter((set) => isReviewWork(set, v.deviceId));
    expect(opened.changes.map((c) => c.hlc)).toEqual(expected.map((c) => c.hlc).sort());
    // 2 threads, 2 replies, 1 resolution of the researcher's thread; 2 status steps
    expect(opened.changes.filter((c) => c.kind === 'annotation')).toHaveLength(5);
    expect(opened.changes.filter((c) => c.kind !== 'annotation')).toEqual([
      expect.objectContaining({
        kind: 'incident',
        fields: { status: 'disputed', statusReason: 'Figures differ' },
      }),
      expect.objectContaining({
        kind: 'source',
        fields: { status: 'verified', statusReason: 'Matches the broadcast' },
      }),
    ]);
    expect(opened.changes.every((c) => c.device === v.deviceId)).toBe(true);
    expect(opened.manifest.scope).toEqual({ kind: 'review', device: v.deviceId });
    expect(Object.keys(opened.manifest.covers)).toEqual([v.deviceId]);
    expect(opened.manifest.covers[v.deviceId]!.count).toBe(7);
    // The reviewer's own custody of the source it reviewed (which version it held), no one else's.
    expect(opened.custody.length).toBeGreaterThan(0);
    for (const entry of opened.custody) {
      expect(entry).toMatchObject({ device: v.deviceId, sourceId: source, action: 'imported' });
    }
    expect(opened.attachments).toEqual([]);
    // It hands on no source, so saving it logs no custody.
    expect(bundle.custody).toEqual([]);
    expect(await v.exchange.reviewWorkCount()).toEqual({ annotations: 5, statusSteps: 2 });
    expect(await researcher.data.exchange.reviewWorkCount()).toEqual({
      annotations: 1,
      statusSteps: 2,
    });
  });

  it('gives the researcher the annotations and statuses, every other field untouched', async () => {
    const { researcher, reviewer, incident, source, thread, question } = await reviewed();
    const r = researcher.data;
    const before = {
      incident: await content(researcher, 'incident', incident),
      source: await content(researcher, 'source', source),
      custody: await r.custodyOf(source),
      teammates: await r.exchange.teammates(),
    };
    const bundle = await reviewer.data.exchange.exportBundle({
      kind: 'review',
      device: reviewer.data.deviceId,
    });
    const plan = await r.exchange.openBundle(bundle.bytes);
    // new: two threads and two replies; changed: the incident, the source, the resolved thread
    expect(plan.counts).toEqual({ new: 4, changed: 3, conflicting: 0, unchanged: 0 });
    await r.exchange.applyBundle(plan);

    expect(await r.get('incident', incident)).toMatchObject({
      status: 'disputed',
      statusReason: 'Figures differ',
    });
    expect(await r.get('source', source)).toMatchObject({
      status: 'verified',
      statusReason: 'Matches the broadcast',
    });
    expect(await content(researcher, 'incident', incident)).toBe(before.incident);
    expect(await content(researcher, 'source', source)).toBe(before.source);
    expect((await r.get('incident', incident))!.tags).toEqual([]);

    const threads = await r.review.threadsOf('incident', incident);
    expect(threads.map((t) => [t.root.id, t.root.state, t.replies.length])).toEqual([
      [question, 'resolved', 1],
      [thread, 'open', 1],
    ]);
    expect((await r.review.threadsOf('source', source))[0]!.root.body).toBe('Reliable outlet.');

    // The reviewer's custody entries arrive; the import logs none (no evidence was handed on).
    const after = await r.custodyOf(source);
    expect(after.filter((e) => e.device === r.deviceId)).toEqual(
      before.custody.filter((e) => e.device === r.deviceId),
    );
    expect(after.length).toBeGreaterThanOrEqual(before.custody.length);
    // What the reviewer has seen is still judged from its bundles of everything only.
    const teammates = await r.exchange.teammates();
    expect(teammates.map((t) => t.covered)).toEqual(before.teammates.map((t) => t.covered));
    const unseen = await r.exchange.exportBundle({
      kind: 'unseenBy',
      teammate: reviewer.data.deviceId,
    });
    // Everything of the researcher's still counts as seen; only the review work, newer than the
    // reviewer's last bundle of everything, goes back (importing it again is harmless).
    const carried = (await readBundle(unseen.bytes, { now: researcher.clock.now })).changes;
    expect(carried.map((c) => c.device)).toEqual(Array(7).fill(reviewer.data.deviceId));
  });

  it('waits in a profile without the records, and applies once they arrive', async () => {
    const { researcher, reviewer, incident, source, question } = await reviewed();
    const newcomer = await replica('new', 'Newcomer');
    const n = newcomer.data;
    const review = await reviewer.data.exchange.exportBundle({
      kind: 'review',
      device: reviewer.data.deviceId,
    });
    await n.exchange.applyBundle(await n.exchange.openBundle(review.bytes));
    // No half record from a status step; the annotations are kept, waiting for their record.
    expect(await n.get('incident', incident)).toBeUndefined();
    expect(await n.get('source', source)).toBeUndefined();
    expect(await n.count('incident')).toBe(0);
    expect(await n.count('source')).toBe(0);
    expect((await n.history('incident', incident)).map((c) => Object.keys(c.fields))).toEqual([
      ['status', 'statusReason'],
    ]);
    // The reviewer's thread, and its reply to the researcher's question, shown on its own
    // until the question arrives; the question's resolution waits for it too.
    expect((await n.review.threadsOf('incident', incident)).map((t) => t.root.type)).toEqual([
      'correction',
      'comment',
    ]);
    expect(await n.get('annotation', question)).toBeUndefined();

    await sendAll(researcher, newcomer);
    expect(await n.get('incident', incident)).toMatchObject({
      title: 'Checkpoint attack',
      status: 'disputed',
      tags: [],
    });
    expect(await n.get('source', source)).toMatchObject({ status: 'verified' });
    const threads = await n.review.threadsOf('incident', incident);
    expect(threads.map((t) => [t.root.id, t.root.state, t.replies.length])).toEqual([
      [question, 'resolved', 1],
      [expect.any(String), 'open', 1],
    ]);
  });

  it('is made only of this device’s own review work', async () => {
    const { reviewer, researcher } = await reviewed();
    await expect(
      reviewer.data.exchange.exportBundle({ kind: 'review', device: researcher.data.deviceId }),
    ).rejects.toThrow(/own review work/);
  });
});
