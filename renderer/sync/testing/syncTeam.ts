/**
 * For team sync tests: a team of replicas on one FakeHub, each joined with a hub code and the
 * team key (no invite text, so no slow key wrapping), each with its TeamSync. The transport is
 * the hub's own unless the test gives one (a host that holds answers back, say).
 */
import { emptyIncident, type IncidentFields } from '../../../shared/domain/incident.ts';
import type { HubTransport } from '../../../shared/teamSync/hubTransport.ts';
import { generateTeamKey } from '../../../shared/teamSync/teamCipher.ts';
import { FakeHub } from '../../../shared/teamSync/testing/fakeHub.ts';
import type { Replica } from '../../../test/helpers/replica.ts';
import { TeamSync, type TeamSyncOptions } from '../teamSync.ts';

export const HUB_URL = 'https://hub.example.org';

export interface Member {
  r: Replica;
  sync: TeamSync;
}

export interface SyncTeamOptions extends Partial<TeamSyncOptions> {
  hub?: FakeHub;
}

export async function syncTeam(
  replica: (label: string) => Promise<Replica>,
  labels: string[],
  options: SyncTeamOptions = {},
) {
  const { hub = new FakeHub(), ...syncOptions } = options;
  const teamId = hub.createTeam('Kunduz team');
  const teamKey = generateTeamKey();
  const members: Member[] = [];
  for (const label of labels) {
    const r = await replica(label);
    const sync = new TeamSync(r.data, {
      transportFor: (): HubTransport => hub.transport,
      now: () => r.clock.now,
      chunkBytes: 2_048,
      ...syncOptions,
    });
    await sync.join({
      hubUrl: HUB_URL,
      code: hub.createInvite(teamId),
      teamKey,
      deviceName: `Laptop ${label}`,
    });
    members.push({ r, sync });
  }
  return { hub, teamId, teamKey, members };
}

export const incident = (title: string, patch: Partial<IncidentFields> = {}): IncidentFields => ({
  ...emptyIncident('2024-05-01'),
  title,
  ...patch,
});

/** Text that does not compress: a bundle's size grows with it as it would with photos. */
export function noise(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return Array.from(randomFile(length), (byte) => alphabet[byte % 64]).join('');
}

/** Random bytes (an attachment that does not compress). */
export function randomFile(bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let at = 0; at < bytes; at += 65_536) crypto.getRandomValues(out.subarray(at, at + 65_536));
  return out;
}
