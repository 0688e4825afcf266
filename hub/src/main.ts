// The hub's command line: `npm run hub -- [--data <dir>] [--port <n>] [--host <addr>]
// [--postgres <url>] [--trust-proxy] [--rotate-admin-token]`. On first start it creates the admin
// token and prints it once (only its SHA-256 is kept). Logs carry method, path, status and
// address — never headers, tokens or bodies.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureAdminToken, rotateAdminToken } from './adminToken.ts';
import { createHub } from './server.ts';
import type { HubStore } from './store/hubStore.ts';
import { openPostgresStore } from './store/postgresStore.ts';
import { openSqliteStore } from './store/sqliteStore.ts';

const USAGE = `Usage: npm run hub -- [--data <dir>] [--port <n>] [--host <address>] [--postgres <url>]
                      [--trust-proxy] [--rotate-admin-token]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: './hub-data' },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      postgres: { type: 'string' },
      'trust-proxy': { type: 'boolean', default: false },
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
    console.log(`Admin token (shown once — keep it somewhere safe):\n\n  ${token}\n`);
  }

  const hub = await createHub({ store, dataDir, logger: true, trustProxy: values['trust-proxy'] });
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
