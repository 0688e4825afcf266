/**
 * The team lead's side of the hub's admin API (docs/hub-protocol.md, `/v1/admin/*`), over the same
 * injected transport as the sync client (hubTransport.ts), with a token as bearer:
 * - the hub operator's admin token: create a team (which answers the team's own admin token,
 *   once), list teams, issue a team a new admin token;
 * - a team admin token (or the operator's): make, list and withdraw the team's invite codes,
 *   list its members.
 * Tokens are handed in for one task and never stored by this module (nor, by the app, anywhere).
 *
 * Every answer is checked before use; every failure is a HubError with the contract's code.
 */
import { HubError, isHubError, isHubErrorCode, type HubErrorCode } from './hubError.ts';
import type { HubRequest, HubTransport } from './hubTransport.ts';
import { fromUtf8, utf8 } from './webCrypto.ts';

export interface AdminTeam {
  id: string;
  name: string;
  createdAt: string;
}

export interface AdminInvite {
  /** The invite's handle, to withdraw it (null from a hub older than withdrawing). */
  id: string | null;
  /** The one-time code (shown once by the hub). */
  code: string;
  expiresAt: string;
  maxUses: number;
}

/** An invite as the hub lists it: never its code. */
export interface AdminInviteState {
  id: string;
  maxUses: number;
  uses: number;
  expiresAt: string;
  createdAt: string;
  withdrawnAt: string | null;
}

export interface CreatedTeam {
  team: AdminTeam;
  /**
   * The team's own admin token (shown once by the hub) for its invites and members; null from a
   * hub older than team admin tokens, where only the operator's token reaches the team.
   */
  teamAdminToken: string | null;
}

export interface AdminMember {
  id: string;
  name: string;
  joinedAt: string;
  revokedAt: string | null;
}

const ID = /^[A-Za-z0-9_-]{22}$/;
const CODE = /^[A-Za-z0-9_-]{16,128}$/;
/** Admin tokens have the shape of every hub token. */
export const ADMIN_TOKEN = /^dft_[A-Za-z0-9_-]{43}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const bad = (what: string) => new HubError('bad_response', what);

function team(value: unknown): AdminTeam {
  if (
    !isObject(value) ||
    typeof value.id !== 'string' ||
    !ID.test(value.id) ||
    typeof value.name !== 'string' ||
    typeof value.createdAt !== 'string'
  ) {
    throw bad('team');
  }
  return { id: value.id, name: value.name, createdAt: value.createdAt };
}

function inviteState(value: unknown): AdminInviteState {
  if (
    !isObject(value) ||
    typeof value.id !== 'string' ||
    !ID.test(value.id) ||
    typeof value.maxUses !== 'number' ||
    typeof value.uses !== 'number' ||
    typeof value.expiresAt !== 'string' ||
    typeof value.createdAt !== 'string' ||
    !(value.withdrawnAt === null || typeof value.withdrawnAt === 'string')
  ) {
    throw bad('invite');
  }
  return {
    id: value.id,
    maxUses: value.maxUses,
    uses: value.uses,
    expiresAt: value.expiresAt,
    createdAt: value.createdAt,
    withdrawnAt: value.withdrawnAt,
  };
}

function checkId(what: 'team' | 'invite', id: string): void {
  if (!ID.test(id)) throw new HubError('bad_request', `${what} id "${id}" is malformed`);
}

function member(value: unknown): AdminMember {
  if (
    !isObject(value) ||
    typeof value.id !== 'string' ||
    typeof value.name !== 'string' ||
    typeof value.joinedAt !== 'string' ||
    !(value.revokedAt === null || typeof value.revokedAt === 'string')
  ) {
    throw bad('member');
  }
  return { id: value.id, name: value.name, joinedAt: value.joinedAt, revokedAt: value.revokedAt };
}

export class HubAdmin {
  constructor(
    private readonly transport: HubTransport,
    /** The operator's admin token or a team admin token, as the task needs. */
    private readonly token: string,
  ) {}

  /**
   * `GET /v1/admin/token`: whether this is the hub operator's token or one team's (and which
   * team). A hub older than team admin tokens has no such route and only operator tokens: its
   * `not_found` reads as `operator`.
   */
  async whoAmI(): Promise<{ kind: 'operator' } | { kind: 'team'; team: AdminTeam }> {
    let body: unknown;
    try {
      body = await this.json('GET', '/v1/admin/token');
    } catch (error) {
      if (isHubError(error) && error.code === 'not_found') return { kind: 'operator' };
      throw error;
    }
    if (isObject(body) && body.kind === 'operator') return { kind: 'operator' };
    if (isObject(body) && body.kind === 'team') return { kind: 'team', team: team(body.team) };
    throw bad('token kind');
  }

  /** `POST /v1/admin/teams` (operator): the team, and its admin token, shown this once. */
  async createTeam(name: string): Promise<CreatedTeam> {
    const body = await this.json('POST', '/v1/admin/teams', { name });
    if (!isObject(body)) throw bad('team');
    const token = body.adminToken;
    if (token !== undefined && (typeof token !== 'string' || !ADMIN_TOKEN.test(token))) {
      throw bad('team admin token');
    }
    return { team: team(body.team), teamAdminToken: token ?? null };
  }

  /**
   * `POST /v1/admin/teams/:team/admin-token` (operator): a new admin token for the team; the old
   * one stops working at once.
   */
  async issueTeamAdminToken(teamId: string): Promise<CreatedTeam & { teamAdminToken: string }> {
    checkId('team', teamId);
    const body = await this.json('POST', `/v1/admin/teams/${teamId}/admin-token`);
    if (
      !isObject(body) ||
      typeof body.adminToken !== 'string' ||
      !ADMIN_TOKEN.test(body.adminToken)
    )
      throw bad('team admin token');
    return { team: team(body.team), teamAdminToken: body.adminToken };
  }

  /** `GET /v1/admin/teams`: the teams on this hub (checks the token too). */
  async listTeams(): Promise<AdminTeam[]> {
    const body = await this.json('GET', '/v1/admin/teams');
    if (!isObject(body) || !Array.isArray(body.teams)) throw bad('team list');
    return body.teams.map(team);
  }

  /** `POST /v1/admin/teams/:team/invites`: a code for one device (by default), for 72 hours. */
  async createInviteCode(
    teamId: string,
    options: { maxUses?: number; expiresInHours?: number } = {},
  ): Promise<AdminInvite> {
    checkId('team', teamId);
    const body = await this.json('POST', `/v1/admin/teams/${teamId}/invites`, {
      maxUses: options.maxUses ?? 1,
      expiresInHours: options.expiresInHours ?? 72,
    });
    const invite = isObject(body) ? body.invite : undefined;
    if (
      !isObject(invite) ||
      typeof invite.code !== 'string' ||
      !CODE.test(invite.code) ||
      typeof invite.expiresAt !== 'string' ||
      typeof invite.maxUses !== 'number' ||
      !(invite.id === undefined || (typeof invite.id === 'string' && ID.test(invite.id)))
    ) {
      throw bad('invite');
    }
    return {
      id: invite.id ?? null,
      code: invite.code,
      expiresAt: invite.expiresAt,
      maxUses: invite.maxUses,
    };
  }

  /** `GET /v1/admin/teams/:team/invites`: the team's invites, without their codes. */
  async listInvites(teamId: string): Promise<AdminInviteState[]> {
    checkId('team', teamId);
    const body = await this.json('GET', `/v1/admin/teams/${teamId}/invites`);
    if (!isObject(body) || !Array.isArray(body.invites)) throw bad('invite list');
    return body.invites.map(inviteState);
  }

  /**
   * `POST /v1/admin/teams/:team/invites/:invite/withdraw`: the code can no longer be used to join
   * (the hub answers `invite_invalid`, as for an expired one). Withdrawing again is harmless.
   */
  async withdrawInvite(teamId: string, inviteId: string): Promise<AdminInviteState> {
    checkId('team', teamId);
    checkId('invite', inviteId);
    const body = await this.json('POST', `/v1/admin/teams/${teamId}/invites/${inviteId}/withdraw`);
    if (!isObject(body)) throw bad('invite');
    return inviteState(body.invite);
  }

  /** `GET /v1/admin/teams/:team/members`. */
  async listMembers(teamId: string): Promise<AdminMember[]> {
    checkId('team', teamId);
    const body = await this.json('GET', `/v1/admin/teams/${teamId}/members`);
    if (!isObject(body) || !Array.isArray(body.members)) throw bad('member list');
    return body.members.map(member);
  }

  private async json(method: HubRequest['method'], path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${this.token}`,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await this.transport({
        method,
        path,
        headers,
        ...(body !== undefined ? { body: utf8(JSON.stringify(body)) } : {}),
      });
    } catch (error) {
      throw new HubError('offline', error instanceof Error ? error.message : String(error));
    }
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(fromUtf8(response.body)) as unknown;
    } catch {
      // judged by the status below
    }
    if (response.status >= 200 && response.status < 300) {
      if (parsed === null) throw bad(`${method} ${path} answered no JSON`);
      return parsed;
    }
    const error = isObject(parsed) && isObject(parsed.error) ? parsed.error : {};
    const named = isHubErrorCode(error.code) && error.code !== 'offline' ? error.code : null;
    const code: HubErrorCode = named ?? (response.status >= 500 ? 'internal' : 'bad_response');
    const message =
      typeof error.message === 'string' ? error.message.slice(0, 300) : `HTTP ${response.status}`;
    const seconds = Number(response.headers['retry-after']);
    throw new HubError(code, message, response.status, {
      ...(Number.isFinite(seconds) && seconds >= 0 ? { retryAfterMs: seconds * 1_000 } : {}),
    });
  }
}
