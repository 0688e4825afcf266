// Admin routes (`/v1/admin/*`, admin token only): create and list teams, issue invites, list and
// revoke members. Invite codes are returned once and stored only as SHA-256.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireAdmin } from '../auth.ts';
import { notFound } from '../errors.ts';
import { ID_PATTERN, newId, newInviteCode, sha256Hex } from '../ids.ts';
import type { MemberRecord } from '../store/hubStore.ts';
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

export function registerAdminRoutes(app: FastifyInstance, context: HubContext): void {
  const { store, now, random } = context;

  const existingTeam = async (teamId: string): Promise<string> => {
    if (!ID_PATTERN.test(teamId) || (await store.getTeam(teamId)) === null) throw notFound();
    return teamId;
  };

  app.post('/v1/admin/teams', async (request, reply) => {
    requireAdmin(request.principal);
    const { name } = parseInput(TeamBody, request.body);
    const team = await store.createTeam({
      id: newId(random),
      name,
      createdAt: now().toISOString(),
    });
    return reply.status(201).send({ team });
  });

  app.get('/v1/admin/teams', async (request) => {
    requireAdmin(request.principal);
    return { teams: await store.listTeams() };
  });

  app.post('/v1/admin/teams/:team/invites', async (request, reply) => {
    requireAdmin(request.principal);
    const teamId = await existingTeam(parseInput(TeamParams, request.params).team);
    const { maxUses, expiresInHours } = parseInput(InviteBody, request.body);
    const code = newInviteCode(random);
    const created = now();
    const expiresAt = new Date(created.getTime() + expiresInHours * 3_600_000).toISOString();
    await store.createInvite({
      codeHash: sha256Hex(code),
      teamId,
      maxUses,
      expiresAt,
      createdAt: created.toISOString(),
    });
    return reply.status(201).send({ invite: { code, expiresAt, maxUses } });
  });

  app.get('/v1/admin/teams/:team/members', async (request) => {
    requireAdmin(request.principal);
    const teamId = await existingTeam(parseInput(TeamParams, request.params).team);
    return { members: (await store.listMembers(teamId)).map(memberJson) };
  });

  app.post('/v1/admin/teams/:team/members/:member/revoke', async (request) => {
    requireAdmin(request.principal);
    const params = parseInput(MemberParams, request.params);
    const teamId = await existingTeam(params.team);
    const member = await store.revokeMember(teamId, params.member, now().toISOString());
    if (!member) throw notFound();
    return { member: memberJson(member) };
  });
}
