// The job queue of a node, chosen like the database: pg-boss when DATABASE_URL points at
// Postgres, the SQLite task table otherwise.
import type { Kysely } from 'kysely';
import type pino from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import { createPgBossQueue } from './pg-boss-queue';
import type { JobQueue } from './queue';
import { createSqliteQueue } from './sqlite-queue';

export async function openJobQueue(
  config: Pick<Config, 'databaseUrl' | 'jobs'>,
  db: Kysely<Database>,
  logger: pino.Logger,
): Promise<JobQueue> {
  const settings = { concurrency: config.jobs.concurrency, leaseMs: config.jobs.leaseMs, pollMs: config.jobs.pollMs };
  const log = logger.child({ component: 'queue' });
  return config.databaseUrl
    ? createPgBossQueue(config.databaseUrl, settings, log)
    : createSqliteQueue(db, settings, log);
}
