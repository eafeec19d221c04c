// Stored renders learn where they came from and when they were last served, so renders of
// public GET /api/render requests (a cache) can be deleted when unused, while images of
// POST /api/generate (permanent URLs) are kept. Existing rows count as generated: nothing
// that was handed out before this migration is ever deleted by it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('renders')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('generate'))
    .execute();
  await db.schema.alterTable('renders').addColumn('last_used_at', 'text').execute();
  await db.schema.createIndex('renders_origin_used').on('renders').columns(['origin', 'last_used_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('renders_origin_used').execute();
  await db.schema.alterTable('renders').dropColumn('last_used_at').execute();
  await db.schema.alterTable('renders').dropColumn('origin').execute();
}
