// The master secret of nodes that share a Postgres database and set no LAYERCAST_SECRET:
// one random value in `shared_secrets`, inserted by the first node to start (INSERT … ON
// CONFLICT DO NOTHING, so two nodes racing keep one) and read back by every node.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from './schema';

export interface SharedSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

const MASTER = 'master';

export async function sharedMasterSecret(db: Kysely<Database>): Promise<string> {
  await db
    .insertInto('shared_secrets')
    .values({ name: MASTER, value: randomBytes(32).toString('base64url'), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('shared_secrets')
    .select('value')
    .where('name', '=', MASTER)
    .executeTakeFirstOrThrow();
  return row.value;
}

/** The config with its master secret filled in when it lives in the database. */
export async function withSharedSecret(config: Config, db: Kysely<Database>): Promise<Config> {
  if (config.masterSecretSource !== 'database') return config;
  return { ...config, masterSecret: await sharedMasterSecret(db) };
}
