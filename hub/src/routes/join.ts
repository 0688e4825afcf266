// `POST /v1/join`: a device trades an invite code and a member name for a member token. Every
// reason an invite cannot be used gives the same 403, so codes cannot be probed; joins are also
// limited per address (limits.joinsPerMinute).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HubError } from '../errors.ts';
import { newId, newToken, sha256Hex } from '../ids.ts';
import type { HubContext } from '../uploads.ts';
import { parseInput } from '../validate.ts';

const JoinBody = z.object({
  code: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(100),
});

export function registerJoinRoutes(app: FastifyInstance, context: HubContext): void {
  const { store, now, random } = context;
  app.post(
    '/v1/join',
    {
      config: {
        rateLimit: {
          max: context.limits.joinsPerMinute,
          timeWindow: 60_000,
          keyGenerator: (request) => `join:${request.ip}`,
        },
      },
    },
    async (request, reply) => {
      const { code, name } = parseInput(JoinBody, request.body);
      const token = newToken(random);
      const joined = await store.redeemInvite(sha256Hex(code), now().toISOString(), {
        id: newId(random),
        name,
        tokenHash: sha256Hex(token),
        joinedAt: now().toISOString(),
      });
      if (!joined) {
        throw new HubError(
          'invite_invalid',
          'This invite cannot be used (unknown, expired, used up or withdrawn).',
        );
      }
      return reply.status(201).send({
        team: { id: joined.team.id, name: joined.team.name },
        member: { id: joined.member.id, name: joined.member.name },
        token,
      });
    },
  );
}
