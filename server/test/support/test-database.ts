// A fresh, empty Postgres database per caller, in the cluster the global setup started, so
// test files (and test servers within one file) never see each other's rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Whether this run's project tests against Postgres (see vitest.config.ts). */
export const testDialect = (): 'sqlite' | 'postgres' =>
  process.env.LAYERCAST_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

export async function createTestDatabase(adminUrl: string = inject('postgresAdminUrl')): Promise<TestDatabase> {
  if (!adminUrl) throw new Error('no Postgres cluster: this test must run in a project with the Postgres global setup');
  const name = `lc_${randomBytes(8).toString('hex')}`;
  await admin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE: a pool the test forgot (or a killed node's sessions) must not keep it alive.
    drop: () => admin(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

async function admin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
