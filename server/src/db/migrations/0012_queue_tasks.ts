// The embedded job queue (server/src/jobs/sqlite-queue.ts): one row per piece of work to hand
// out ("work on job X", "deliver job X's webhook"), leased by one process at a time. On
// Postgres pg-boss keeps its own tables and this one stays empty.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('queue_tasks')
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('queue_tasks_pk', ['queue', 'ref'])
    .execute();
  await db.schema.createIndex('queue_tasks_due').on('queue_tasks').columns(['queue', 'run_after']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('queue_tasks').execute();
}
