// The hub's command line: `npm run hub -- [--data <dir>] [--port <n>] [--host <addr>]
// [--postgres <url>] [--trust-proxy] [--connection-timeout <s>] [--request-timeout <s>]
// [--rotate-admin-token]`. On first start it creates the admin token (the operator's: every
// team; each team also gets its own team admin token when created) and prints it once (only its
// SHA-256 is kept). Logs carry method, path, status and
// address — never headers, tokens or bodies.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureAdminToken, rotateAdminToken } from './adminToken.ts';
import type { HubLimits } from './limits.ts';
import { createHub } from './server.ts';
import type { HubStore } from './store/hubStore.ts';
import { openPostgresStore } from './store/postgresStore.ts';
import { openSqliteStore } from './store/sqliteStore.ts';

const USAGE = `Usage: npm run hub -- [--data <dir>] [--port <n>] [--host <address>] [--postgres <url>]
                      [--trust-proxy] [--connection-timeout <seconds>]
                      [--request-timeout <seconds>] [--rotate-admin-token]`;

/** A whole number of seconds from the command line, in milliseconds. */
function seconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed <= 0) {
    throw new Error(`${flag} must be a whole number of seconds, not "${value}".`);
  }
  return parsed * 1000;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: './hub-data' },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      postgres: { type: 'string' },
      'trust-proxy': { type: 'boolean', default: false },
      'connection-timeout': { type: 'string' },
      'request-timeout': { type: 'string' },
      'rotate-admin-token': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be a port number, not "${values.port}".`);
  }
  const limits: Partial<HubLimits> = {};
  const connectionTimeout = seconds('--connection-timeout', values['connection-timeout']);
  if (connectionTimeout !== undefined) limits.connectionTimeoutMs = connectionTimeout;
  const requestTimeout = seconds('--request-timeout', values['request-timeout']);
  if (requestTimeout !== undefined) limits.requestTimeoutMs = requestTimeout;
  const dataDir = resolve(values.data);
  await mkdir(dataDir, { recursive: true });
  const store: HubStore =
    values.postgres === undefined
      ? openSqliteStore(dataDir)
      : await openPostgresStore({ connectionString: values.postgres });

  if (values['rotate-admin-token']) {
    const token = await rotateAdminToken(store);
    await store.close();
    console.log(`New admin token (shown once; the old one no longer works):\n\n  ${token}\n`);
    return;
  }
  const token = await ensureAdminToken(store);
  if (token !== null) {
    console.log(
      `Admin token (the operator's, for every team; shown once — keep it somewhere safe):\n\n  ${token}\n`,
    );
  }

  const hub = await createHub({
    store,
    dataDir,
    limits,
    logger: true,
    trustProxy: values['trust-proxy'],
  });
  const address = await hub.app.listen({ port, host: values.host });
  console.log(`Daftar hub listening on ${address} (data: ${dataDir}).`);
  const stop = (): void => {
    hub.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(
    `The hub could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
