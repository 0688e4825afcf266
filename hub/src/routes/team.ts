// Member routes (`/v1/teams/:team/*`, the team's own member tokens only): the team's head,
// resumable uploads, the bundle list and bundle downloads (with `Range: bytes=n-` to resume).
// Every route first checks the token against `:team`; another team's id is `not_found`, exactly
// like a team that does not exist.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireMember } from '../auth.ts';
import { HubError, notFound } from '../errors.ts';
import { SHA256_PATTERN } from '../ids.ts';
import type { BundleRecord, UploadRecord } from '../store/hubStore.ts';
import type { HubContext, Uploads } from '../uploads.ts';
import { parseInput } from '../validate.ts';

const StartBody = z.object({
  size: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  sha256: z.string().regex(SHA256_PATTERN, 'a SHA-256 in lower-case hex (64 characters)'),
});
const ListQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const SeqParam = z.object({ seq: z.coerce.number().int().min(1) });
const UPLOAD_OFFSET = /^\d{1,15}$/;
const RANGE = /^bytes=(\d{1,15})-(\d{1,15})?$/;

export function bundleJson(bundle: BundleRecord): {
  seq: number;
  sha256: string;
  size: number;
  member: string;
  receivedAt: string;
} {
  return {
    seq: bundle.seq,
    sha256: bundle.sha256,
    size: bundle.size,
    member: bundle.memberId,
    receivedAt: bundle.receivedAt,
  };
}

const uploadJson = (upload: UploadRecord): { id: string; size: number; offset: number } => ({
  id: upload.id,
  size: upload.size,
  offset: upload.offset,
});

async function* noBytes(): AsyncIterable<Buffer> {
  // A PATCH without a body appends nothing.
}

function isByteStream(value: unknown): value is AsyncIterable<Buffer> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

interface TeamParams {
  team: string;
  upload?: string;
  seq?: string;
}

export function registerTeamRoutes(
  app: FastifyInstance,
  context: HubContext,
  uploads: Uploads,
): void {
  const { store, files } = context;

  app.get<{ Params: TeamParams }>('/v1/teams/:team', async (request) => {
    const member = requireMember(request.principal, request.params.team);
    const team = await store.getTeam(member.teamId);
    if (!team) throw notFound();
    return {
      team: { id: team.id, name: team.name },
      member: { id: member.id, name: member.name },
      head: await store.teamHead(team.id),
    };
  });

  app.post<{ Params: TeamParams }>('/v1/teams/:team/uploads', async (request, reply) => {
    const member = requireMember(request.principal, request.params.team);
    const { size, sha256 } = parseInput(StartBody, request.body);
    const started = await uploads.start(member, size, sha256);
    if (started.kind === 'bundle')
      return reply.status(200).send({ bundle: bundleJson(started.bundle) });
    return reply.status(201).send({ upload: uploadJson(started.upload) });
  });

  app.get<{ Params: TeamParams }>('/v1/teams/:team/uploads/:upload', async (request) => {
    const member = requireMember(request.principal, request.params.team);
    return { upload: uploadJson(await uploads.get(member, request.params.upload ?? '')) };
  });

  app.patch<{ Params: TeamParams }>('/v1/teams/:team/uploads/:upload', async (request, reply) => {
    const member = requireMember(request.principal, request.params.team);
    const header = request.headers['upload-offset'];
    if (typeof header !== 'string' || !UPLOAD_OFFSET.test(header)) {
      throw new HubError(
        'bad_request',
        'The header "Upload-Offset" must be a whole number of bytes.',
      );
    }
    const length = request.headers['content-length'];
    const declared = length === undefined ? null : Number(length);
    const body = request.body ?? noBytes();
    if (!isByteStream(body)) {
      throw new HubError('bad_request', 'A chunk must be sent as application/offset+octet-stream.');
    }
    const offset = await uploads.append(
      member,
      request.params.upload ?? '',
      Number(header),
      declared,
      body,
    );
    return reply.status(204).header('Upload-Offset', String(offset)).send();
  });

  app.post<{ Params: TeamParams }>(
    '/v1/teams/:team/uploads/:upload/complete',
    async (request, reply) => {
      const member = requireMember(request.principal, request.params.team);
      const bundle = await uploads.complete(member, request.params.upload ?? '');
      return reply.status(201).send({ bundle: bundleJson(bundle) });
    },
  );

  app.get<{ Params: TeamParams }>('/v1/teams/:team/bundles', async (request) => {
    const member = requireMember(request.principal, request.params.team);
    const { after, limit } = parseInput(ListQuery, request.query);
    const [bundles, head] = await Promise.all([
      store.listBundles(member.teamId, after, limit),
      store.teamHead(member.teamId),
    ]);
    return { bundles: bundles.map(bundleJson), head };
  });

  app.get<{ Params: TeamParams }>('/v1/teams/:team/bundles/:seq', async (request, reply) => {
    const member = requireMember(request.principal, request.params.team);
    const parsed = SeqParam.safeParse(request.params);
    if (!parsed.success) throw notFound();
    const bundle = await store.getBundle(member.teamId, parsed.data.seq);
    if (!bundle) throw notFound();
    void reply
      .header('Content-Type', 'application/octet-stream')
      .header('Accept-Ranges', 'bytes')
      .header('ETag', `"${bundle.sha256}"`);
    const range = request.headers.range;
    const match = range === undefined ? null : RANGE.exec(range);
    if (match) {
      const start = Number(match[1]);
      const end =
        match[2] === undefined ? bundle.size - 1 : Math.min(Number(match[2]), bundle.size - 1);
      if (start >= bundle.size || end < start) {
        void reply.header('Content-Range', `bytes */${bundle.size}`);
        throw new HubError('range_not_satisfiable', `The bundle has ${bundle.size} bytes.`);
      }
      return reply
        .status(206)
        .header('Content-Range', `bytes ${start}-${end}/${bundle.size}`)
        .header('Content-Length', String(end - start + 1))
        .send(files.openBlob(member.teamId, bundle.sha256, start, end));
    }
    return reply
      .status(200)
      .header('Content-Length', String(bundle.size))
      .send(files.openBlob(member.teamId, bundle.sha256, 0, bundle.size - 1));
  });
}
