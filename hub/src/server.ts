// Builds the hub: a Fastify app with the routes of docs/hub-protocol.md, the auth hook, rate
// limits, body limits, and one error mapping to `{ error: { code, message } }`. Request bodies and
// headers are never logged: the request serializer keeps only method, path and address.
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
} from 'fastify';
import { identify, rateLimitKey, type Principal } from './auth.ts';
import { registerCors } from './cors.ts';
import { HubError, errorBody } from './errors.ts';
import { cryptoRandom, type RandomSource } from './ids.ts';
import { resolveLimits, type HubLimits } from './limits.ts';
import { registerAdminRoutes } from './routes/admin.ts';
import { registerJoinRoutes } from './routes/join.ts';
import { registerTeamRoutes } from './routes/team.ts';
import { BlobFiles } from './store/blobFiles.ts';
import type { HubStore } from './store/hubStore.ts';
import { Uploads, type HubContext } from './uploads.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

export const PROTOCOL_VERSION = 1;

export interface HubOptions {
  store: HubStore;
  /** Folder for upload and blob bytes (`uploads/`, `blobs/`). */
  dataDir: string;
  limits?: Partial<HubLimits>;
  now?: () => Date;
  random?: RandomSource;
  /** Fastify logger options; false (the default) logs nothing. */
  logger?: boolean | { level?: string; stream?: { write(line: string): void } };
  /** Trust X-Forwarded-For from a reverse proxy on this host (for per-address limits). */
  trustProxy?: boolean;
  /** Run the stale-upload sweep on a timer (default true). */
  sweepTimer?: boolean;
}

export interface Hub {
  app: FastifyInstance;
  context: HubContext;
  uploads: Uploads;
  /** Drops stale uploads now; answers how many were dropped. */
  sweepStaleUploads(): Promise<number>;
  close(): Promise<void>;
}

function loggerOptions(logger: HubOptions['logger']): object | boolean {
  if (logger === undefined || logger === false) return false;
  const base = logger === true ? {} : logger;
  return {
    level: 'info',
    ...base,
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        path: request.url.split('?')[0],
        address: request.ip,
      }),
      res: (reply: { statusCode: number }) => ({ status: reply.statusCode }),
    },
  };
}

function toHubError(error: unknown, log: FastifyBaseLogger): HubError {
  if (error instanceof HubError) return error;
  const fields = (error ?? {}) as { code?: unknown; statusCode?: unknown; message?: unknown };
  const code = typeof fields.code === 'string' ? fields.code : '';
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new HubError('too_large', 'The request body is too large.');
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new HubError(
      'bad_request',
      'Content-Type must be application/json (or application/offset+octet-stream for chunks).',
    );
  }
  if (code.startsWith('FST_ERR_CTP_') || error instanceof SyntaxError) {
    return new HubError('bad_request', 'The body must be a JSON object.');
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new HubError('storage_full', 'The hub has no disk space left.');
  }
  const status = typeof fields.statusCode === 'number' ? fields.statusCode : 500;
  if (status >= 400 && status < 500) {
    return new HubError('bad_request', 'The request is not valid.');
  }
  // Only the message: an error object may carry request data.
  log.error({ code, message: String(fields.message ?? '') }, 'request failed');
  return new HubError('internal', 'Something went wrong on the hub.');
}

export async function createHub(options: HubOptions): Promise<Hub> {
  const limits = resolveLimits(options.limits);
  const files = new BlobFiles(options.dataDir);
  await files.prepare();
  const context: HubContext = {
    store: options.store,
    files,
    limits,
    now: options.now ?? (() => new Date()),
    random: options.random ?? cryptoRandom,
  };
  const uploads = new Uploads(context);

  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit: limits.maxJsonBytes,
    trustProxy: options.trustProxy ?? false,
    // Without these a stalled client holds its socket (and an upload's lock) for ever.
    connectionTimeout: limits.connectionTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      headersTimeout: Math.min(60_000, limits.requestTimeoutMs),
      // Node checks the request and header timeouts this often (its default is 30 s).
      connectionsCheckingInterval: Math.min(
        30_000,
        Math.max(50, Math.round(limits.requestTimeoutMs / 4)),
      ),
    },
  });

  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: limits.maxJsonBytes },
    (_request, body, done) => {
      const source = typeof body === 'string' ? body : body.toString('utf8');
      if (source.trim() === '') {
        done(null, {});
        return;
      }
      try {
        done(null, JSON.parse(source) as unknown);
      } catch {
        done(new HubError('bad_request', 'The body must be a JSON object.'), undefined);
      }
    },
  );
  // Chunk bytes stream straight to disk; the route counts them against the chunk limit.
  app.addContentTypeParser(
    ['application/offset+octet-stream', 'application/octet-stream'],
    (_request, payload, done) => done(null, payload),
  );

  registerCors(app);
  // The onRequest hook below sets it before any route runs; null only reserves the slot.
  app.decorateRequest('principal', null as never);
  app.addHook('onRequest', async (request) => {
    request.principal = await identify(options.store, request.headers.authorization);
  });

  await app.register(rateLimit, {
    global: true,
    max: limits.requestsPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => rateLimitKey(request.principal, request.ip),
    errorResponseBuilder: (_request, context) =>
      new HubError('rate_limited', `Too many requests; try again in ${context.after}.`),
  });

  app.setErrorHandler((error, request, reply) => {
    const hubError = toHubError(error, request.log);
    void reply.headers(hubError.headers);
    void reply.status(hubError.statusCode).type('application/json').send(errorBody(hubError));
  });
  app.setNotFoundHandler((_request, reply) => {
    void reply.status(404).send(errorBody(new HubError('not_found', 'Nothing here.')));
  });

  app.get('/v1/health', async () => ({ ok: true, protocol: PROTOCOL_VERSION }));
  registerAdminRoutes(app, context);
  registerJoinRoutes(app, context);
  registerTeamRoutes(app, context, uploads);

  const timer =
    options.sweepTimer === false
      ? null
      : setInterval(() => {
          uploads.sweep().catch((error: unknown) => {
            app.log.error({ message: String(error) }, 'stale upload sweep failed');
          });
        }, limits.sweepIntervalMs);
  timer?.unref();

  await app.ready();
  return {
    app,
    context,
    uploads,
    sweepStaleUploads: () => uploads.sweep(),
    async close() {
      if (timer) clearInterval(timer);
      await app.close();
      await options.store.close();
    },
  };
}
