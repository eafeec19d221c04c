// A node starting up renders the templates rendered last once in each child before it
// listens (render/warm-templates.ts): they are found newest first by creation time, which
// needs an index on a table of every render ever stored.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('renders_created').on('renders').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('renders_created').execute();
}
