// Who or what saved each template version: the editor (a session), an API key (by name), or
// the CLI with a key. Versions saved before this migration have none.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('template_versions').addColumn('saved_via', 'text').execute();
  await db.schema.alterTable('template_versions').addColumn('saved_by', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('template_versions').dropColumn('saved_by').execute();
  await db.schema.alterTable('template_versions').dropColumn('saved_via').execute();
}
