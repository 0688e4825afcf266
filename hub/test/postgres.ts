// PostgreSQL for tests: `DAFTAR_TEST_POSTGRES_URL` names a database (hub/scripts/testPostgres.sh
// starts a throwaway one). Every store opened here gets its own random schema, dropped afterwards,
// so reruns start clean.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { HubStore } from '../src/store/hubStore.ts';
import { openPostgresStore } from '../src/store/postgresStore.ts';

export const POSTGRES_URL = process.env['DAFTAR_TEST_POSTGRES_URL'] ?? '';

export function newTestSchema(): string {
  return `hub_test_${randomBytes(6).toString('hex')}`;
}

export function openTestPostgresStore(schema: string): Promise<HubStore> {
  return openPostgresStore({ connectionString: POSTGRES_URL, schema, poolSize: 12 });
}

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function dropTestSchema(schema: string): Promise<void> {
  return withClient(async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });
}

/** Every row of every table in the schema, as text: what the hub keeps in PostgreSQL. */
export function dumpTestSchema(schema: string): Promise<string> {
  return withClient(async (client) => {
    const tables = await client.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    const parts: string[] = [];
    for (const { table_name: table } of tables.rows) {
      const rows = await client.query(`SELECT * FROM ${schema}.${table}`);
      parts.push(`${table}: ${JSON.stringify(rows.rows)}`);
    }
    return parts.join('\n');
  });
}
