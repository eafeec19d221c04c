// The job queue of a node, chosen like the database: pg-boss when DATABASE_URL points at
// Postgres, the SQLite task table otherwise.
import type { Kysely } from 'kysely';
import type pino from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import type { JobQueue } from './queue';
import { createSqliteQueue } from './sqlite-queue';

export async function openJobQueue(
  config: Pick<Config, 'databaseUrl' | 'jobs'>,
  db: Kysely<Database>,
  logger: pino.Logger,
): Promise<JobQueue> {
  const settings = { concurrency: config.jobs.concurrency, leaseMs: config.jobs.leaseMs, pollMs: config.jobs.pollMs };
  const log = logger.child({ component: 'queue' });
  if (!config.databaseUrl) return createSqliteQueue(db, settings, log);
  // Loaded only for Postgres: pg-boss and its dependencies are a tenth of the server's start-up.
  const { createPgBossQueue } = await import('./pg-boss-queue');
  return createPgBossQueue(config.databaseUrl, settings, log);
}
