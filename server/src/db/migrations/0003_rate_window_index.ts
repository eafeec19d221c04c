// An index on rate_windows.window_start, for the delete of windows older than an hour
// (server/src/quota/counters.ts) to be a range scan instead of a walk over every bucket.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('rate_windows_start').on('rate_windows').column('window_start').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('rate_windows_start').execute();
}
