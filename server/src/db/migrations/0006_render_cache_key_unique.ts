// One render per cache key. Nodes sharing a database can miss the same request at once;
// the unique index lets the second insert see the first (ON CONFLICT DO NOTHING) instead of
// adding a duplicate. Duplicates made before this migration (only ever served by id since
// lookups take the newest) keep their rows and URLs and lose their cache key; NULL keys
// (renders that must not be reused) stay allowed many times, on SQLite and Postgres alike.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update renders set cache_key = null
    where cache_key is not null and exists (
      select 1 from renders newer
      where newer.cache_key = renders.cache_key
        and (newer.created_at > renders.created_at
          or (newer.created_at = renders.created_at and newer.id > renders.id))
    )`.execute(db);
  await db.schema.createIndex('renders_cache_key_unique').on('renders').column('cache_key').unique().execute();
  await db.schema.dropIndex('renders_cache_key').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('renders_cache_key').on('renders').columns(['cache_key', 'created_at']).execute();
  await db.schema.dropIndex('renders_cache_key_unique').execute();
}
