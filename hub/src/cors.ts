// Cross-origin access for the app's web build, whose page (on its own origin) talks to the hub
// with fetch. Any origin may call: the hub authenticates by bearer token alone — no cookies, no
// ambient credentials — so a page elsewhere gains nothing it could not do with the token itself.
// Preflights are answered before authentication and rate limits.
import type { FastifyInstance } from 'fastify';

const ALLOW_HEADERS = 'authorization, content-type, upload-offset, range, accept';
const EXPOSE_HEADERS = 'upload-offset, content-range, retry-after';

export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('access-control-allow-origin', '*');
    void reply.header('access-control-expose-headers', EXPOSE_HEADERS);
    if (request.method !== 'OPTIONS') return;
    return reply
      .status(204)
      .header('access-control-allow-methods', 'GET, POST, PATCH')
      .header('access-control-allow-headers', ALLOW_HEADERS)
      .header('access-control-max-age', '600')
      .send();
  });
}
