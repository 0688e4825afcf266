/**
 * An in-memory hub that keeps the protocol's contract (docs/hub-protocol.md) closely enough to
 * test the client against: tokens, teams, invites, members, resumable uploads with offsets and
 * 409s, completion with SHA-256 checks (422), sequence numbers without gaps, listing after a
 * seq, and Range downloads. Faults are injected per request (`fault`): fail before the hub sees
 * the request, after it acted but before the answer arrives, or cut an answer's body short.
 * `everythingStored()` returns every byte and string the hub holds, for leak checks.
 */
import { MAX_BUNDLE_BYTES } from '../hubClient.ts';
import type { HubRequest, HubResponse, HubTransport } from '../hubTransport.ts';
import { fromUtf8, randomBytes, sha256Hex, toBase64Url, utf8 } from '../webCrypto.ts';

export type Fault = 'dropRequest' | 'dropAnswer' | 'cutBody' | undefined;

interface Member {
  id: string;
  team: string;
  name: string;
  token: string;
  revoked: boolean;
}
interface Upload {
  id: string;
  team: string;
  member: string;
  size: number;
  sha256: string;
  bytes: Uint8Array[];
  offset: number;
  done?: StoredBundle;
}
interface StoredBundle {
  seq: number;
  sha256: string;
  size: number;
  member: string;
  receivedAt: string;
  bytes: Uint8Array;
  /** Listed, but its bytes are gone (a hub whose blob folder lost a file): answers not_found. */
  lost?: boolean;
}

export interface FakeHubOptions {
  maxChunkBytes?: number;
  maxBundleBytes?: number;
  now?: () => number;
}

class Failure {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
    readonly extra: Record<string, number> = {},
  ) {}
}

const json = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HubResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: utf8(JSON.stringify(body)),
});
const notFound = () => new Failure(404, 'not_found', 'Nothing here.');

export class FakeHub {
  readonly teams = new Map<string, { id: string; name: string; bundles: StoredBundle[] }>();
  readonly members = new Map<string, Member>();
  readonly invites = new Map<string, { team: string; uses: number }>();
  readonly uploads = new Map<string, Upload>();
  /** Every request, in order: `METHOD path`. */
  readonly log: string[] = [];
  /** Decides a fault for each request (called before it is handled). */
  fault: (request: HubRequest) => Fault = () => undefined;
  private readonly maxChunk: number;
  private readonly maxBundle: number;
  private readonly now: () => number;

  constructor(options: FakeHubOptions = {}) {
    this.maxChunk = options.maxChunkBytes ?? 8 * 1024 * 1024;
    this.maxBundle = options.maxBundleBytes ?? MAX_BUNDLE_BYTES;
    this.now = options.now ?? (() => Date.UTC(2025, 2, 1));
  }

  private newId(): string {
    return toBase64Url(randomBytes(16));
  }

  createTeam(name: string): string {
    const id = this.newId();
    this.teams.set(id, { id, name, bundles: [] });
    return id;
  }

  createInvite(team: string, uses = 1): string {
    const code = this.newId();
    this.invites.set(code, { team, uses });
    return code;
  }

  revoke(memberId: string): void {
    for (const m of this.members.values()) if (m.id === memberId) m.revoked = true;
  }

  bundlesOf(team: string): readonly StoredBundle[] {
    return this.teams.get(team)?.bundles ?? [];
  }

  /** Put bytes on the hub as if a member had uploaded them (a corrupt bundle, say). */
  async plant(team: string, memberId: string, bytes: Uint8Array): Promise<number> {
    const bundles = this.teams.get(team)!.bundles;
    const seq = bundles.length + 1;
    bundles.push({
      seq,
      sha256: await sha256Hex(bytes),
      size: bytes.length,
      member: memberId,
      receivedAt: new Date(this.now()).toISOString(),
      bytes,
    });
    return seq;
  }

  /**
   * The hub restored from a backup taken when it held bundles up to `seq`: the later bundles
   * (and the uploads that made them) are gone, and the next bundle is numbered `seq + 1` again.
   */
  restore(team: string, seq: number): void {
    const bundles = this.teams.get(team)!.bundles;
    bundles.splice(seq);
    for (const [id, upload] of this.uploads) {
      if (upload.team === team && (upload.done?.seq ?? 0) > seq) this.uploads.delete(id);
    }
  }

  /** Everything the hub holds: bundle bytes, upload parts, and all metadata as JSON text. */
  everythingStored(): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const team of this.teams.values()) {
      for (const b of team.bundles) out.push(b.bytes);
      out.push(
        utf8(JSON.stringify({ ...team, bundles: team.bundles.map((b) => ({ ...b, bytes: 0 })) })),
      );
    }
    for (const u of this.uploads.values()) {
      out.push(...u.bytes);
      out.push(utf8(JSON.stringify({ ...u, bytes: 0, done: 0 })));
    }
    out.push(utf8(JSON.stringify([...this.members.values(), ...this.invites.entries()])));
    out.push(utf8(this.log.join('\n')));
    return out;
  }

  readonly transport: HubTransport = async (request) => {
    const fault = this.fault(request);
    if (fault === 'dropRequest') throw new Error('connection refused (fault)');
    this.log.push(`${request.method} ${request.path}`);
    const response = await this.handle(request);
    if (fault === 'dropAnswer') throw new Error('connection reset (fault)');
    if (fault === 'cutBody' && response.body.length > 1) {
      return {
        ...response,
        body: response.body.slice(0, Math.floor(response.body.length / 2)),
        truncated: true,
      };
    }
    return response;
  };

  private async handle(request: HubRequest): Promise<HubResponse> {
    try {
      return await this.route(request);
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      const headers: Record<string, string> = error.status === 429 ? { 'retry-after': '30' } : {};
      return json(
        error.status,
        { error: { code: error.code, message: error.message, ...error.extra } },
        headers,
      );
    }
  }

  private member(request: HubRequest, team: string): Member {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const member = [...this.members.values()].find((m) => m.token === token);
    if (!member) throw new Failure(401, 'unauthorized', 'Unknown token.');
    if (member.revoked) throw new Failure(401, 'token_revoked', 'This member was removed.');
    if (member.team !== team || !this.teams.has(team)) throw notFound();
    return member;
  }

  private body(request: HubRequest): Record<string, unknown> {
    try {
      const value = JSON.parse(fromUtf8(request.body ?? new Uint8Array())) as unknown;
      if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
    } catch {
      // answered below
    }
    throw new Failure(400, 'bad_request', 'The body is not a JSON object.');
  }

  private async route(request: HubRequest): Promise<HubResponse> {
    const [pathname = '', query = ''] = request.path.split('?');
    const parts = pathname.split('/').slice(1);
    const { method } = request;
    if (method === 'GET' && pathname === '/v1/health') return json(200, { ok: true, protocol: 1 });
    if (method === 'POST' && pathname === '/v1/join') {
      const { code, name } = this.body(request);
      const invite = typeof code === 'string' ? this.invites.get(code) : undefined;
      if (!invite || invite.uses < 1) throw new Failure(403, 'invite_invalid', 'Invalid invite.');
      if (typeof name !== 'string' || name === '')
        throw new Failure(400, 'bad_request', 'name is required.');
      invite.uses--;
      const m: Member = {
        id: this.newId(),
        team: invite.team,
        name,
        token: `dft_${toBase64Url(randomBytes(32))}`,
        revoked: false,
      };
      this.members.set(m.id, m);
      const team = this.teams.get(invite.team)!;
      return json(201, {
        team: { id: team.id, name: team.name },
        member: { id: m.id, name },
        token: m.token,
      });
    }
    if (parts[0] !== 'v1' || parts[1] !== 'teams' || parts[2] === undefined) throw notFound();
    const teamId = parts[2];
    const me = this.member(request, teamId);
    const team = this.teams.get(teamId)!;
    if (method === 'GET' && parts.length === 3) {
      return json(200, {
        team: { id: team.id, name: team.name },
        member: { id: me.id, name: me.name },
        head: team.bundles.length,
      });
    }
    if (parts[3] === 'bundles' && method === 'GET' && parts.length === 4) {
      const params = new Map(query.split('&').map((kv) => kv.split('=') as [string, string]));
      const after = Number(params.get('after') ?? 0);
      const limit = Number(params.get('limit') ?? 100);
      if (!Number.isSafeInteger(after) || after < 0) throw new Failure(400, 'bad_request', 'after');
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > 500)
        throw new Failure(400, 'bad_request', 'limit');
      const bundles = team.bundles.filter((b) => b.seq > after).slice(0, limit);
      return json(200, {
        bundles: bundles.map(({ bytes: _, ...meta }) => meta),
        head: team.bundles.length,
      });
    }
    if (parts[3] === 'bundles' && method === 'GET' && parts.length === 5) {
      const stored = team.bundles[Number(parts[4]) - 1];
      if (!stored || stored.lost) throw notFound();
      const range = request.headers.range;
      if (range === undefined) {
        return {
          status: 200,
          headers: { 'content-type': 'application/octet-stream' },
          body: stored.bytes,
        };
      }
      const match = /^bytes=(\d+)-(\d*)$/.exec(range);
      const from = Number(match?.[1] ?? NaN);
      const to = Math.min(stored.size - 1, match?.[2] ? Number(match[2]) : Infinity);
      if (!Number.isSafeInteger(from) || from >= stored.size || to < from) {
        throw new Failure(416, 'range_not_satisfiable', 'Range not satisfiable.');
      }
      return {
        status: 206,
        headers: { 'content-range': `bytes ${from}-${to}/${stored.size}` },
        body: stored.bytes.slice(from, to + 1),
      };
    }
    if (parts[3] !== 'uploads') throw notFound();
    if (method === 'POST' && parts.length === 4) {
      const { size, sha256 } = this.body(request);
      if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1)
        throw new Failure(400, 'bad_request', 'size');
      if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))
        throw new Failure(400, 'bad_request', 'sha256');
      if (size > this.maxBundle) throw new Failure(413, 'too_large', 'Too large.');
      const existing = team.bundles.find((b) => b.sha256 === sha256);
      if (existing) return json(200, { bundle: meta(existing) });
      const upload: Upload = {
        id: this.newId(),
        team: teamId,
        member: me.id,
        size,
        sha256,
        bytes: [],
        offset: 0,
      };
      this.uploads.set(upload.id, upload);
      return json(201, { upload: { id: upload.id, size, offset: 0 } });
    }
    const upload = this.uploads.get(parts[4] ?? '');
    if (!upload || upload.team !== teamId || upload.member !== me.id) throw notFound();
    if (method === 'GET' && parts.length === 5) {
      return json(200, { upload: { id: upload.id, size: upload.size, offset: upload.offset } });
    }
    if (method === 'PATCH' && parts.length === 5) {
      const offset = Number(request.headers['upload-offset']);
      if (offset !== upload.offset) {
        throw new Failure(409, 'offset_mismatch', 'Offset mismatch.', { offset: upload.offset });
      }
      const body = request.body ?? new Uint8Array();
      if (body.length > this.maxChunk) throw new Failure(413, 'too_large', 'Chunk too large.');
      if (upload.offset + body.length > upload.size)
        throw new Failure(400, 'bad_request', 'Beyond size.');
      upload.bytes.push(body.slice());
      upload.offset += body.length;
      return {
        status: 204,
        headers: { 'upload-offset': String(upload.offset) },
        body: new Uint8Array(),
      };
    }
    if (method === 'POST' && parts.length === 6 && parts[5] === 'complete') {
      if (upload.done) return json(201, { bundle: meta(upload.done) });
      if (upload.offset !== upload.size)
        throw new Failure(400, 'bad_request', 'Upload incomplete.');
      const bytes = new Uint8Array(upload.size);
      let at = 0;
      for (const part of upload.bytes) {
        bytes.set(part, at);
        at += part.length;
      }
      if ((await sha256Hex(bytes)) !== upload.sha256) {
        this.uploads.delete(upload.id);
        throw new Failure(422, 'hash_mismatch', 'Hash mismatch.');
      }
      const stored = {
        seq: team.bundles.length + 1,
        sha256: upload.sha256,
        size: upload.size,
        member: me.id,
        receivedAt: new Date(this.now()).toISOString(),
        bytes,
      };
      team.bundles.push(stored);
      upload.done = stored;
      upload.bytes = [];
      return json(201, { bundle: meta(stored) });
    }
    throw notFound();
  }
}

function meta({ bytes: _, ...rest }: StoredBundle) {
  return rest;
}
