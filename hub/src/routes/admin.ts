// Admin routes (`/v1/admin/*`). `GET /v1/admin/token` says which kind of admin token it is
// given (the operator's, or a team's and which team). Hub-wide ones — create and list teams, issue a team's admin
// token — take the operator's admin token only. Team-scoped ones — invites (create, list,
// withdraw) and members (list, revoke) — take the operator's token or that team's admin token;
// another team's admin token gets `not_found`, as for a team that does not exist. Team admin
// tokens and invite codes are returned once and stored only as SHA-256.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireOperator, requireTeamAdmin } from '../auth.ts';
import { notFound } from '../errors.ts';
import { ID_PATTERN, newId, newInviteCode, newToken, sha256Hex } from '../ids.ts';
import type { InviteRecord, MemberRecord } from '../store/hubStore.ts';
import type { HubContext } from '../uploads.ts';
import { parseInput } from '../validate.ts';

const TeamBody = z.object({ name: z.string().trim().min(1).max(100) });
const InviteBody = z.object({
  maxUses: z.number().int().min(1).max(1000).default(1),
  expiresInHours: z
    .number()
    .positive()
    .max(24 * 365)
    .default(72),
});
const TeamParams = z.object({ team: z.string() });
const MemberParams = z.object({ team: z.string(), member: z.string() });
const InviteParams = z.object({ team: z.string(), invite: z.string() });

export function memberJson(member: MemberRecord): {
  id: string;
  name: string;
  joinedAt: string;
  revokedAt: string | null;
} {
  return {
    id: member.id,
    name: member.name,
    joinedAt: member.joinedAt,
    revokedAt: member.revokedAt,
  };
}

/** An invite as admins see it: never its code (the hub does not have it). */
export function inviteJson(invite: InviteRecord): Omit<InviteRecord, 'teamId'> {
  return {
    id: invite.id,
    maxUses: invite.maxUses,
    uses: invite.uses,
    expiresAt: invite.expiresAt,
    createdAt: invite.createdAt,
    withdrawnAt: invite.withdrawnAt,
  };
}

export function registerAdminRoutes(app: FastifyInstance, context: HubContext): void {
  const { store, now, random } = context;

  const existingTeam = async (teamId: string): Promise<string> => {
    if (!ID_PATTERN.test(teamId) || (await store.getTeam(teamId)) === null) throw notFound();
    return teamId;
  };

  app.post('/v1/admin/teams', async (request, reply) => {
    requireOperator(request.principal);
    const { name } = parseInput(TeamBody, request.body);
    const adminToken = newToken(random);
    const team = await store.createTeam(
      { id: newId(random), name, createdAt: now().toISOString() },
      sha256Hex(adminToken),
    );
    return reply.status(201).send({ team, adminToken });
  });

  // Which admin token this is: the operator's, or one team's (with that team), so a team lead's
  // app can set up with the token the operator handed over without knowing more.
  app.get('/v1/admin/token', async (request) => {
    const principal = request.principal;
    if (principal.kind === 'teamAdmin') return { kind: 'team', team: principal.team };
    requireOperator(principal);
    return { kind: 'operator' };
  });

  app.get('/v1/admin/teams', async (request) => {
    requireOperator(request.principal);
    return { teams: await store.listTeams() };
  });

  app.post('/v1/admin/teams/:team/admin-token', async (request, reply) => {
    requireOperator(request.principal);
    const teamId = parseInput(TeamParams, request.params).team;
    const team = ID_PATTERN.test(teamId) ? await store.getTeam(teamId) : null;
    const adminToken = newToken(random);
    // The old token's digest is overwritten: it stops working with this write.
    if (!team || !(await store.setTeamAdminTokenHash(team.id, sha256Hex(adminToken)))) {
      throw notFound();
    }
    return reply.status(201).send({ team, adminToken });
  });

  app.post('/v1/admin/teams/:team/invites', async (request, reply) => {
    const { team } = parseInput(TeamParams, request.params);
    requireTeamAdmin(request.principal, team);
    const teamId = await existingTeam(team);
    const { maxUses, expiresInHours } = parseInput(InviteBody, request.body);
    const id = newId(random);
    const code = newInviteCode(random);
    const created = now();
    const expiresAt = new Date(created.getTime() + expiresInHours * 3_600_000).toISOString();
    await store.createInvite({
      id,
      codeHash: sha256Hex(code),
      teamId,
      maxUses,
      expiresAt,
      createdAt: created.toISOString(),
    });
    return reply.status(201).send({ invite: { id, code, expiresAt, maxUses } });
  });

  app.get('/v1/admin/teams/:team/invites', async (request) => {
    const { team } = parseInput(TeamParams, request.params);
    requireTeamAdmin(request.principal, team);
    const teamId = await existingTeam(team);
    return { invites: (await store.listInvites(teamId)).map(inviteJson) };
  });

  app.post('/v1/admin/teams/:team/invites/:invite/withdraw', async (request) => {
    const params = parseInput(InviteParams, request.params);
    requireTeamAdmin(request.principal, params.team);
    const teamId = await existingTeam(params.team);
    const invite = await store.withdrawInvite(teamId, params.invite, now().toISOString());
    if (!invite) throw notFound();
    return { invite: inviteJson(invite) };
  });

  app.get('/v1/admin/teams/:team/members', async (request) => {
    const { team } = parseInput(TeamParams, request.params);
    requireTeamAdmin(request.principal, team);
    const teamId = await existingTeam(team);
    return { members: (await store.listMembers(teamId)).map(memberJson) };
  });

  app.post('/v1/admin/teams/:team/members/:member/revoke', async (request) => {
    const params = parseInput(MemberParams, request.params);
    requireTeamAdmin(request.principal, params.team);
    const teamId = await existingTeam(params.team);
    const member = await store.revokeMember(teamId, params.member, now().toISOString());
    if (!member) throw notFound();
    return { member: memberJson(member) };
  });
}
