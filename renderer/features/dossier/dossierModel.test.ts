import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyIncident } from '../../../shared/domain/incident.ts';
import { emptySource } from '../../../shared/domain/source.ts';
import type { ChangeSet } from '../../../shared/sync/changes.ts';
import { canonicalJson } from '../../../shared/util/canonicalJson.ts';
import { DaftarData } from '../../data/daftarData.ts';
import { buildDossier, statusStepsOf } from './dossierModel.ts';
import { testSealer } from '../../../test/helpers/testSealer.ts';

const T0 = Date.UTC(2024, 4, 2, 8);
const opened: DaftarData[] = [];

afterEach(() => {
  for (const data of opened.splice(0)) data.close();
});

async function openData() {
  const clock = { now: T0 };
  let next = 0;
  const data = await DaftarData.open({
    sealer: testSealer(),
    name: `dossier-${Math.random()}`,
    now: () => clock.now,
    newId: () => `id${String(++next).padStart(3, '0')}`,
  });
  opened.push(data);
  await data.saveProfile({ name: 'مریم احمدی', role: 'researcher' });
  return { data, clock };
}

const NARRATIVE = 'یک مهاجم انتحاری در دفتر والی بلخ خود را منفجر ساخت.';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** An incident with two linked sources (one with a file), a third linked then unlinked. */
async function recordedIncident() {
  const { data, clock } = await openData();
  const tick = () => (clock.now += 60_000);
  const { id: incidentId } = await data.create('incident', {
    ...emptyIncident('2023-03-09'),
    title: 'حمله بر دفتر والی بلخ',
    notes: NARRATIVE,
  });
  tick();
  const { id: first } = await data.create('source', { ...emptySource('2023-03-09'), title: 'A' });
  const { id: second } = await data.create('source', { ...emptySource('2023-03-09'), title: 'B' });
  const { id: unlinked } = await data.create('source', {
    ...emptySource('2023-03-09'),
    title: 'C',
  });
  const file = new TextEncoder().encode('photo bytes');
  await data.addAttachment(first, { name: 'عکس.jpg', type: 'image/jpeg', bytes: file });
  tick();
  await data.link(incidentId, second, ['date']);
  tick();
  await data.link(incidentId, first, ['fatalities'], 'رقم تلفات');
  await data.link(incidentId, unlinked, []);
  await data.unlink(incidentId, unlinked);
  return { data, clock, tick, incidentId, first, second, file };
}

describe('buildDossier', () => {
  it('is null for an incident that is not there', async () => {
    const { data } = await openData();
    await expect(buildDossier(data, 'missing', T0)).resolves.toBeNull();
  });

  it('lists the linked sources in the order they were linked, with link, file and custody', async () => {
    const { data, incidentId, first, second, file } = await recordedIncident();
    const dossier = (await buildDossier(data, incidentId, T0))!;
    expect(dossier.incident.notes).toBe(NARRATIVE);
    expect(dossier.sources.map((s) => s.source.id)).toEqual([second, first]);
    const withFile = dossier.sources[1]!;
    expect(withFile.link).toMatchObject({ supports: ['fatalities'], note: 'رقم تلفات' });
    expect(withFile.source.attachments).toEqual([
      expect.objectContaining({
        name: 'عکس.jpg',
        sha256: createHash('sha256').update(file).digest('hex'),
      }),
    ]);
    expect(withFile.custody.map((e) => [e.action, e.author])).toEqual([
      ['captured', 'مریم احمدی'],
      ['attachmentAdded', 'مریم احمدی'],
    ]);
  });

  it('hashes each source as its custody entries do, so a reader can match them', async () => {
    const { data, incidentId, first } = await recordedIncident();
    const dossier = (await buildDossier(data, incidentId, T0))!;
    const entry = dossier.sources.find((s) => s.source.id === first)!;
    // Recomputed by hand: the fields but id, clocks and verification status, canonical JSON.
    const {
      id: _id,
      created: _c,
      updated: _u,
      status: _s,
      statusReason: _r,
      ...content
    } = entry.source;
    expect(entry.sha256).toBe(sha256(canonicalJson(content)));
    const [printed] = await data.logCustody([first], 'printed', 'dossier');
    expect(printed?.hash).toBe(entry.sha256);
  });

  it('says who made it, where and when, and keeps its hash while the records stay as they are', async () => {
    const { data, clock, incidentId, first } = await recordedIncident();
    const before = (await buildDossier(data, incidentId, T0))!;
    expect(before).toMatchObject({
      generatedAt: new Date(T0).toISOString(),
      device: data.deviceId,
      profile: { name: 'مریم احمدی', role: 'researcher' },
    });
    const again = (await buildDossier(data, incidentId, T0 + 3_600_000))!;
    expect(again.generatedAt).not.toBe(before.generatedAt);
    expect(again.sha256).toBe(before.sha256);

    clock.now += 60_000;
    await data.update('source', first, { outlet: 'طلوع نیوز' });
    const edited = (await buildDossier(data, incidentId, T0))!;
    expect(edited.sha256).not.toBe(before.sha256);
    expect(edited.sources[1]!.sha256).not.toBe(before.sources[1]!.sha256);
    expect(edited.sources[0]!.sha256).toBe(before.sources[0]!.sha256);
  });

  it('lists every verification step with its reason, reviewer and device', async () => {
    const { data, tick, incidentId } = await recordedIncident();
    tick();
    await data.review.setStatus('incident', incidentId, 'submitted', '');
    await data.saveProfile({ name: 'Reviewer Karimi', role: 'reviewer' });
    tick();
    await data.review.setStatus('incident', incidentId, 'disputed', 'ارقام تلفات با هم نمی‌خوانند');
    const dossier = (await buildDossier(data, incidentId, T0))!;
    expect(
      dossier.statusSteps.map(({ status, reason, author }) => [status, reason, author]),
    ).toEqual([
      ['draft', '', 'مریم احمدی'],
      ['submitted', '', 'مریم احمدی'],
      ['disputed', 'ارقام تلفات با هم نمی‌خوانند', 'Reviewer Karimi'],
    ]);
    expect(dossier.statusSteps.every((step) => step.device === data.deviceId)).toBe(true);
    expect(dossier.sources[0]!.statusSteps.map((s) => s.status)).toEqual(['draft']);
  });

  it('carries the threads on the incident and its sources, with quotes, authors and state', async () => {
    const { data, tick, incidentId, first } = await recordedIncident();
    const start = NARRATIVE.indexOf('والی بلخ');
    const quote = { exact: 'والی بلخ', prefix: 'دفتر ', suffix: ' خود', start, end: start + 8 };
    tick();
    const { id: rootId } = await data.review.annotate(
      { kind: 'incident', id: incidentId, field: 'notes' },
      'question',
      'کدام والی؟',
      { anchor: quote },
    );
    await data.saveProfile({ name: 'Reviewer Karimi', role: 'reviewer' });
    tick();
    await data.review.reply(rootId, 'والی طالبان، محمد داوود مزمل.');
    tick();
    await data.review.setThreadState(rootId, 'resolved');
    await data.review.annotate({ kind: 'source', id: first }, 'flag', 'عکس را بررسی کنید');

    const dossier = (await buildDossier(data, incidentId, T0))!;
    expect(dossier.threads).toHaveLength(1);
    const thread = dossier.threads[0]!;
    expect(thread.root.annotation).toMatchObject({
      type: 'question',
      body: 'کدام والی؟',
      state: 'resolved',
      anchor: { exact: 'والی بلخ' },
    });
    expect(thread.root.made.author).toBe('مریم احمدی');
    expect(thread.root.edited).toBeNull();
    expect(thread.replies.map((r) => [r.annotation.body, r.made.author])).toEqual([
      ['والی طالبان، محمد داوود مزمل.', 'Reviewer Karimi'],
    ]);
    expect(thread.stateChanged?.author).toBe('Reviewer Karimi');
    const sourceThreads = dossier.sources.find((s) => s.source.id === first)!.threads;
    expect(sourceThreads.map((t) => [t.root.annotation.body, t.stateChanged])).toEqual([
      ['عکس را بررسی کنید', null],
    ]);
  });
});

describe('statusStepsOf', () => {
  const set = (hlc: string, fields: Record<string, unknown>): ChangeSet =>
    ({ hlc, kind: 'incident', recordId: 'i', device: 'dev', author: 'A', fields }) as ChangeSet;

  it('keeps only the changes that wrote a status, legacy "unverified" included', () => {
    expect(
      statusStepsOf([
        set('1', { title: 'x', status: 'unverified' }),
        set('2', { title: 'y' }),
        set('3', { status: 'verified', statusReason: 'Two witnesses' }),
        set('4', { deleted: true }),
      ]),
    ).toEqual([
      { hlc: '1', author: 'A', device: 'dev', status: 'unverified', reason: '' },
      { hlc: '3', author: 'A', device: 'dev', status: 'verified', reason: 'Two witnesses' },
    ]);
  });
});

describe('a dossier in a live query', () => {
  it('follows every step it reads: a print logged and a source edited both show', async () => {
    const { data, clock, incidentId, first } = await recordedIncident();
    const seen: string[] = [];
    const settled = () => new Promise((resolve) => setTimeout(resolve, 200));
    // A plain function returning a promise, as useLive passes: watch() must still follow every
    // read across the builder's awaits, not just its first.
    const stop = data.watch(
      () => buildDossier(data, incidentId, T0),
      (dossier) => {
        const entry = dossier!.sources.find((s) => s.source.id === first)!;
        seen.push(`${entry.custody.at(-1)!.action} ${entry.source.outlet}`);
      },
    );
    await settled();
    await data.logCustody([first], 'printed', 'dossier');
    await settled();
    clock.now += 60_000;
    await data.update('source', first, { outlet: 'طلوع نیوز' });
    await settled();
    stop();
    expect(seen).toEqual(['attachmentAdded ', 'printed ', 'printed طلوع نیوز']);
  });
});
