/**
 * Review through the data layer: threads about a record, a field or a passage; replies and
 * resolution as ordinary changes; what an annotation is about fixed once made; verification
 * steps with their rules; the queue's counts; and all of it travelling in bundles to a teammate
 * without touching the record it is about.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyIncident } from '../../shared/domain/incident.ts';
import { RecordValidationError } from '../../shared/domain/records.ts';
import { emptySource } from '../../shared/domain/source.ts';
import { anchorOf } from '../../shared/review/textAnchor.ts';
import { canonicalJson } from '../../shared/util/canonicalJson.ts';
import { openReplica, sendAll, type Replica } from '../../test/helpers/replica.ts';
import { ReviewStepError, threadsFrom, type Annotation } from './reviewData.ts';

const TEXT =
  'A suicide attack killed the Taliban governor of Balkh in his office in Mazar-i-Sharif. ' +
  'د طالبانو والي په خپل دفتر کې ووژل شو. ISIS claimed the attack.';

let researcher: Replica;
let reviewer: Replica;

beforeEach(async () => {
  researcher = await openReplica('res', 'Researcher Rahimi');
  reviewer = await openReplica('rev', 'Reviewer Karimi');
});
afterEach(() => {
  researcher.data.close();
  reviewer.data.close();
});

async function seed() {
  const incident = await researcher.data.create('incident', {
    ...emptyIncident('2025-02-28'),
    title: 'Governor of Balkh killed',
    notes: TEXT,
  });
  const source = await researcher.data.create('source', {
    ...emptySource('2025-02-28'),
    title: 'Report',
    fullText: TEXT,
  });
  return { incident: incident.id, source: source.id };
}

const passage = (text: string, quote: string) => {
  const start = text.indexOf(quote);
  return anchorOf(text, start, start + quote.length);
};

describe('annotations', () => {
  it('start threads about a record, a field and a passage, with replies and resolution', async () => {
    const { incident, source } = await seed();
    const d = researcher.data;
    await d.review.annotate({ kind: 'incident', id: incident }, 'comment', 'Looks complete.');
    await d.review.annotate(
      { kind: 'incident', id: incident, field: 'fatalities' },
      'correction',
      'Three guards too',
      {
        suggestion: '4',
      },
    );
    const { id: quoted } = await d.review.annotate(
      { kind: 'source', id: source, field: 'fullText' },
      'question',
      'Which channel?',
      { anchor: passage(TEXT, 'ISIS claimed the attack') },
    );
    await d.review.reply(quoted, 'Its Amaq channel, per the article.');
    await d.review.setThreadState(quoted, 'resolved');

    const onIncident = await d.review.threadsOf('incident', incident);
    expect(onIncident.map((th) => [th.root.field, th.root.type, th.root.suggestion])).toEqual([
      ['', 'comment', null],
      ['fatalities', 'correction', '4'],
    ]);
    const [onSource] = await d.review.threadsOf('source', source);
    expect(onSource!.root).toMatchObject({
      state: 'resolved',
      anchor: { exact: 'ISIS claimed the attack' },
    });
    expect(onSource!.root.anchor!.fieldClock).toBe((await d.get('source', source))!.created);
    expect(onSource!.replies.map((r) => r.body)).toEqual(['Its Amaq channel, per the article.']);
    // The records themselves are untouched: their history is their creation alone.
    expect(await d.history('incident', incident)).toHaveLength(1);
    expect(await d.history('source', source)).toHaveLength(1);
  });

  it('refuse to change what an annotation is about, and a passage on a field that is not text', async () => {
    const { incident } = await seed();
    const d = researcher.data;
    const { id } = await d.review.annotate(
      { kind: 'incident', id: incident, field: 'notes' },
      'flag',
      'Check',
    );
    for (const fields of [
      { targetId: 'elsewhere' },
      { field: 'title' },
      { type: 'comment' as const },
    ]) {
      await expect(d.update('annotation', id, fields)).rejects.toThrow(RecordValidationError);
    }
    await expect(
      d.review.annotate({ kind: 'incident', id: incident, field: 'title' }, 'flag', 'x', {
        anchor: passage('Governor of Balkh killed', 'Balkh'),
      }),
    ).rejects.toThrow(RecordValidationError);
    await d.update('annotation', id, { body: 'Check the governor’s name' });
    expect((await d.get('annotation', id))!.body).toBe('Check the governor’s name');
  });

  it('group replies under their thread, a reply whose thread has not arrived on its own', () => {
    const at = (n: number) => `0000000000${n}-0000-dev`;
    const a = (id: string, replyTo: string | null, n: number) =>
      ({ id, replyTo, created: at(n) }) as unknown as Annotation;
    const threads = threadsFrom([
      a('r1', null, 1),
      a('x', 'r1', 2),
      a('y', 'gone', 3),
      a('z', 'r1', 4),
    ]);
    expect(threads.map((th) => [th.root.id, th.replies.map((r) => r.id)])).toEqual([
      ['r1', ['x', 'z']],
      ['y', []],
    ]);
  });
});

describe('verification steps', () => {
  it('follow draft → submitted → verified / disputed / rejected, with reasons where needed', async () => {
    const { incident } = await seed();
    const review = researcher.data.review;
    await expect(review.setStatus('incident', incident, 'verified', 'ok')).rejects.toMatchObject({
      code: 'notAllowed',
    });
    await review.setStatus('incident', incident, 'submitted', '');
    await expect(review.setStatus('incident', incident, 'disputed', '  ')).rejects.toBeInstanceOf(
      ReviewStepError,
    );
    await review.setStatus('incident', incident, 'disputed', 'The date differs between sources');
    const record = await researcher.data.get('incident', incident);
    expect(record).toMatchObject({
      status: 'disputed',
      statusReason: 'The date differs between sources',
    });
    const steps = (await researcher.data.history('incident', incident)).filter(
      (c) => 'status' in c.fields,
    );
    expect(await review.lastStatusStep('incident', incident)).toEqual(steps.at(-1));
    await researcher.data.update('incident', incident, { title: 'Edited after the dispute' });
    expect((await review.lastStatusStep('incident', incident))?.fields).toMatchObject({
      status: 'disputed',
    });
    // The creation is the first step: a new incident is a draft.
    expect(steps.map((c) => [(c.fields as { status?: string }).status, c.author])).toEqual([
      ['draft', 'Researcher Rahimi'],
      ['submitted', 'Researcher Rahimi'],
      ['disputed', 'Researcher Rahimi'],
    ]);
    expect(steps.slice(1).map((c) => c.fields)).toEqual([
      // Each step says why, even when the reason is the one it had (an empty one here).
      { status: 'submitted', statusReason: '' },
      { status: 'disputed', statusReason: 'The date differs between sources' },
    ]);
  });
});

describe('status in the lists', () => {
  it('filters sources by review status, the legacy "unverified" counted as submitted', async () => {
    const { source } = await seed();
    const d = researcher.data;
    const other = await d.create('source', { ...emptySource('2025-03-01'), title: 'Second' });
    await d.review.setStatus('source', source, 'submitted', '');
    expect(await d.sourceIds('updated', 'desc', ['submitted'])).toEqual([source]);
    expect((await d.firstSources('updated', 'desc', 10, ['draft'])).map((s) => s.id)).toEqual([
      other.id,
    ]);
    expect((await d.sourceIds('updated', 'desc')).sort()).toEqual([source, other.id].sort());
    await d.update('source', other.id, { status: 'unverified' });
    expect((await d.sourceIds('updated', 'desc', ['submitted'])).sort()).toEqual(
      [source, other.id].sort(),
    );
  });
});

describe('the review queue', () => {
  it('counts what waits for review and the open threads on my records, from indexes', async () => {
    const { incident, source } = await seed();
    await sendAll(researcher, reviewer);
    expect(await researcher.data.review.counts()).toEqual({
      toReview: 0,
      openOnMine: 0,
      conflicts: 0,
    });
    await researcher.data.review.setStatus('incident', incident, 'submitted', '');
    await researcher.data.review.setStatus('source', source, 'submitted', '');
    expect((await researcher.data.review.counts()).toReview).toBe(2);
    expect((await researcher.data.review.toReview()).map((e) => e.kind).sort()).toEqual([
      'incident',
      'source',
    ]);

    // The reviewer's threads on the researcher's records count for the researcher, not for them.
    const { id } = await reviewer.data.review.annotate(
      { kind: 'incident', id: incident },
      'question',
      'Who claimed it?',
    );
    await reviewer.data.review.annotate({ kind: 'source', id: source }, 'flag', 'Paywalled');
    const own = await reviewer.data.create('incident', {
      ...emptyIncident('2025-03-01'),
      title: 'Reviewer’s own',
    });
    await reviewer.data.review.annotate({ kind: 'incident', id: own.id }, 'comment', 'Mine');
    expect((await reviewer.data.review.counts()).openOnMine).toBe(1);
    await sendAll(reviewer, researcher);
    expect((await researcher.data.review.counts()).openOnMine).toBe(2);
    expect(
      (await researcher.data.review.openThreadsOnMine()).map((th) => th.root.body).sort(),
    ).toEqual(['Paywalled', 'Who claimed it?']);
    await researcher.data.review.setThreadState(id, 'resolved');
    expect((await researcher.data.review.counts()).openOnMine).toBe(1);
  });
});

describe('review between teammates', () => {
  it('travels in bundles: annotations, replies, resolution and status, the record’s fields unchanged', async () => {
    const { incident, source } = await seed();
    await researcher.data.review.setStatus('incident', incident, 'submitted', '');
    await sendAll(researcher, reviewer);
    const fieldsBefore = canonicalJson(await researcher.data.get('incident', incident));

    const { id: thread } = await reviewer.data.review.annotate(
      { kind: 'source', id: source, field: 'fullText' },
      'question',
      'Is the governor named elsewhere?',
      { anchor: passage(TEXT, 'Taliban governor of Balkh') },
    );
    await reviewer.data.review.setStatus(
      'incident',
      incident,
      'disputed',
      'Casualty figures disagree',
    );
    await sendAll(reviewer, researcher);

    const after = await researcher.data.get('incident', incident);
    expect(after).toMatchObject({ status: 'disputed', statusReason: 'Casualty figures disagree' });
    const { status: _s, statusReason: _r, updated: _u, ...rest } = after!;
    const {
      status: _s0,
      statusReason: _r0,
      updated: _u0,
      ...restBefore
    } = JSON.parse(fieldsBefore);
    expect(canonicalJson(rest)).toBe(canonicalJson(restBefore));
    const steps = (await researcher.data.history('incident', incident)).filter(
      (c) => 'status' in c.fields,
    );
    expect(steps.map((c) => [(c.fields as { status?: string }).status, c.author])).toEqual([
      ['draft', 'Researcher Rahimi'],
      ['submitted', 'Researcher Rahimi'],
      ['disputed', 'Reviewer Karimi'],
    ]);

    await researcher.data.review.reply(thread, 'Yes, in the second report.');
    await researcher.data.review.setThreadState(thread, 'resolved');
    await sendAll(researcher, reviewer);
    const [back] = await reviewer.data.review.threadsOf('source', source);
    expect(back!.root.state).toBe('resolved');
    expect(back!.replies.map((r) => r.body)).toEqual(['Yes, in the second report.']);
    const names = await reviewer.data.review.authorNames();
    expect(names.get(researcher.data.deviceId)).toBe('Researcher Rahimi');
  });
});
