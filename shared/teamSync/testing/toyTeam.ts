/**
 * Toy replicas for sync cycle tests: each holds a set of change names (in the order written,
 * which stands for clock order); a "bundle" is their JSON, nonsense is refused. A team of them
 * joins a FakeHub. Its state store keeps what the app's does (seq with the bundle handled, the
 * upload in progress, refusals, change sets not sent), each part of which a test can drop.
 */
import { HubClient } from '../hubClient.ts';
import type {
  ExportedPending,
  HandledBundle,
  NotSent,
  PendingPush,
  Refusal,
  SyncDeps,
} from '../syncCycle.ts';
import { runSyncCycle } from '../syncCycle.ts';
import { generateTeamKey } from '../teamCipher.ts';
import { fromUtf8, utf8 } from '../webCrypto.ts';
import { FakeHub, type FakeHubOptions } from './fakeHub.ts';

export class Toy {
  readonly changes = new Set<string>();
  readonly onHub = new Set<string>();
  applied = 0;
  seq = 0;
  handled: HandledBundle | null = null;
  pending: PendingPush | null = null;
  refusals: Refusal[] = [];
  notSent: NotSent[] = [];
  /** Each export made: the change names asked for (the cut) and put in. */
  readonly exports: { cut: number | null; changes: string[] }[] = [];
  deps: SyncDeps;

  constructor(client: HubClient, teamId: string, teamKey: Uint8Array, memberId: string) {
    this.deps = {
      client,
      teamId,
      teamKey,
      memberId,
      now: () => Date.UTC(2025, 2, 1),
      chunkBytes: 64,
      state: {
        appliedSeq: async () => this.seq,
        setAppliedSeq: async (seq, bundle) => {
          this.seq = seq;
          this.handled = bundle ?? null;
        },
        appliedBundle: async () => this.handled,
        pendingPush: async () => this.pending,
        setPendingPush: async (p) => void (this.pending = p),
        recordRefusal: async (r) => void this.refusals.push(r),
        notSent: async () => this.notSent,
        recordNotSent: async (item) => void this.notSent.push(item),
      },
      importBundle: async (bytes) => {
        const list = JSON.parse(fromUtf8(bytes)) as unknown;
        if (!Array.isArray(list))
          throw Object.assign(new Error('Not a bundle.'), { code: 'notAZip' });
        for (const c of list as string[]) {
          this.changes.add(c);
          this.onHub.add(c);
        }
        this.applied++;
        return { applied: true };
      },
      isRefusal: (e) => (e as { code?: string }).code === 'notAZip',
      exportPending: async (_signal, cut) => {
        const pending = [...this.changes].filter((c) => !this.onHub.has(c));
        const list = cut ? pending.slice(0, cut.changeSets) : pending;
        this.exports.push({ cut: cut?.changeSets ?? null, changes: list });
        if (list.length === 0) return null;
        const exported: ExportedPending = {
          bytes: utf8(JSON.stringify(list)),
          marker: list,
          changeSets: list.length,
        };
        const [only] = list;
        if (list.length === 1 && only !== undefined) {
          exported.single = {
            item: { hlc: only, kind: 'note', recordId: only.slice(0, 8), title: `Note ${only}` },
            passOver: [only],
          };
        }
        return exported;
      },
      markPushed: async (marker) => {
        for (const c of marker as string[]) this.onHub.add(c);
      },
    };
  }

  sync(extra: Partial<SyncDeps> = {}) {
    return runSyncCycle({ ...this.deps, ...extra });
  }
}

export async function toyTeam(n: number, options: FakeHubOptions = {}) {
  const hub = new FakeHub(options);
  const teamId = hub.createTeam('Team');
  const key = generateTeamKey();
  const toys: Toy[] = [];
  for (let i = 0; i < n; i++) {
    const answer = await new HubClient(hub.transport).join(hub.createInvite(teamId), `device ${i}`);
    toys.push(new Toy(new HubClient(hub.transport, answer.token), teamId, key, answer.member.id));
  }
  return { hub, teamId, key, toys };
}
