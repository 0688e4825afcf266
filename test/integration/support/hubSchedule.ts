/**
 * The schedule of the team-sync convergence test, drawn by fast-check, and how each step is
 * played: edits on the three profiles (test/helpers/editSteps.ts; often the same field of the
 * same record on two profiles, so conflicts arise), sync runs, outages, uploads and downloads
 * cut part-way, and hub restarts while an upload is half done — at least one per schedule.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { editStepArbitraries, who } from '../../helpers/editSteps.ts';
import { sleep, type PatchLog } from './faultyTransport.ts';
import { editOn, syncOnce, type Member, type Stats } from './hubTeam.ts';
import type { LiveHub } from './liveHub.ts';

const restartArb = fc.record({
  type: fc.constant('restart' as const),
  r: who,
  after: fc.integer({ min: 1, max: 1_500 }),
  salt: fc.nat(),
});

const stepArb = fc.oneof(
  ...editStepArbitraries(
    { createIncident: 3, createSource: 1, edit: 6, clash: 4, big: 1, editSource: 1, delete: 1 },
    ['title', 'notes', 'fatalities'],
  ),
  { weight: 8, arbitrary: fc.record({ type: fc.constant('sync' as const), r: who }) },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('offline' as const), r: who, on: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('cutUpload' as const),
      r: who,
      after: fc.integer({ min: 1, max: 4_000 }),
      onPatch: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('cutDownload' as const),
      r: who,
      after: fc.integer({ min: 0, max: 6_000 }),
    }),
  },
  { weight: 1, arbitrary: restartArb },
);
export type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;
type RestartStep = Extract<Step, { type: 'restart' }>;

/** A schedule: random steps, with one hub restart mid-upload somewhere among them. */
export const scheduleArb = fc
  .tuple(fc.array(stepArb, { minLength: 10, maxLength: 30 }), restartArb, fc.nat())
  .map(([steps, restart, at]) => {
    const out: Step[] = [...steps];
    out.splice(at % (steps.length + 1), 0, restart);
    return out;
  });

/**
 * The hub restarted while profile `step.r` has an upload half done: it edits big notes and
 * syncs, its connection cut `step.after` bytes into the first chunk (then offline); once the hub
 * has stored what arrived, the hub restarts and must still hold the upload at the same offset.
 * A restart that found an upload half done is added to `resumes`, for the test to check the
 * profile went on from there.
 */
export async function restartMidUpload(
  hub: LiveHub,
  members: readonly Member[],
  teamId: string,
  step: RestartStep,
  stats: Stats,
  resumes: PatchLog[],
): Promise<void> {
  const m = members[step.r]!;
  // Something of several chunks to push (unless an earlier upload is still pending).
  await editOn(members, { type: 'big', r: step.r, pick: 0, salt: step.salt });
  const wasOffline = m.faults.offline;
  m.faults.offline = false;
  m.faults.cutUpload = { after: step.after, onPatch: 1, thenOffline: true };
  await syncOnce(m, stats);
  m.faults.cutUpload = null;
  const pending = await m.sync.store.pendingPush();
  if (pending?.uploadId !== undefined) {
    // The hub holds part of the upload now, and must still hold it after the restart. First let
    // it finish with the bytes of the cut chunk: the offset stops moving.
    const uploadPath = `/v1/teams/${teamId}/uploads/${pending.uploadId}`;
    const state = async () =>
      ((await hub.call(m.token, 'GET', uploadPath)) as { upload: { offset: number; size: number } })
        .upload;
    let before = await state();
    for (let settled = 0; settled < 2;) {
      await sleep(40);
      const now = await state();
      settled = now.offset === before.offset ? settled + 1 : 0;
      before = now;
    }
    await hub.restart();
    const after = await state();
    expect(after, "the upload's state after the hub restarted").toEqual(before);
    if (after.offset > 0 && after.offset < after.size) {
      stats.restartsHalfDone++;
      resumes.push({
        upload: pending.uploadId,
        offset: after.offset,
        restarts: hub.restarts,
      });
    }
  } else {
    await hub.restart();
  }
  m.faults.offline = wasOffline;
}

/** Plays one step of a schedule on the team. */
export async function playStep(
  hub: LiveHub,
  members: readonly Member[],
  teamId: string,
  step: Step,
  stats: Stats,
  resumes: PatchLog[],
): Promise<void> {
  const m = members[step.r]!;
  switch (step.type) {
    case 'sync':
      await syncOnce(m, stats);
      return;
    case 'offline':
      m.faults.offline = step.on;
      return;
    case 'cutUpload':
      await editOn(members, { type: 'big', r: step.r, pick: step.after, salt: step.after });
      m.faults.cutUpload = { after: step.after, onPatch: step.onPatch, thenOffline: false };
      await syncOnce(m, stats);
      m.faults.cutUpload = null;
      return;
    case 'cutDownload':
      // Armed until a download comes (this run or a later one).
      m.faults.cutDownloadAfter = step.after;
      await syncOnce(m, stats);
      return;
    case 'restart':
      await restartMidUpload(hub, members, teamId, step, stats, resumes);
      return;
    default:
      await editOn(members, step);
  }
}
