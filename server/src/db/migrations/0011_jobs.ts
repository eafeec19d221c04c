// Background jobs (an async generate, a bulk render), one row per item with its result, and
// every delivery attempt of a job's webhook (server/src/jobs/jobs.table.ts). Kysely's schema
// builder only, so the same migration runs on Postgres.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('key_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('webhook_url', 'text')
    .addColumn('webhook_status', 'text')
    .addColumn('webhook_first_attempt_at', 'text')
    .addColumn('webhook_next_attempt_at', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_account').on('jobs').columns(['account_id', 'created_at']).execute();

  await db.schema
    .createTable('job_items')
    .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('request', 'text')
    .addColumn('render_id', 'text')
    .addColumn('render_ext', 'text')
    .addColumn('cached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('charged_at', 'text')
    .addColumn('error', 'text')
    .addColumn('finished_at', 'text')
    .addPrimaryKeyConstraint('job_items_pk', ['job_id', 'row'])
    .execute();
  await db.schema.createIndex('job_items_status').on('job_items').columns(['job_id', 'status', 'row']).execute();

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('webhook_attempts_pk', ['job_id', 'attempt'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['webhook_attempts', 'job_items', 'jobs']) await db.schema.dropTable(table).execute();
}
