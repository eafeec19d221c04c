// What an API key may do (scopes, space-separated) and which templates it may see (a JSON
// array of ids; null = all of the account's). Existing keys keep every scope on every template.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('render templates:read templates:write assets:write'))
    .execute();
  await db.schema.alterTable('api_keys').addColumn('template_ids', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_keys').dropColumn('template_ids').execute();
  await db.schema.alterTable('api_keys').dropColumn('scopes').execute();
}
