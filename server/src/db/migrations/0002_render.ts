// Render side tables (see server/src/render/tables.ts). Written with Kysely's schema
// builder only, so the same migration runs on Postgres.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('renders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('cache_key', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('ext', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('generation_ms', 'integer', (c) => c.notNull())
    .addColumn('diagnostics', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('renders_cache_key').on('renders').columns(['cache_key', 'created_at']).execute();
  await db.schema.createIndex('renders_account').on('renders').columns(['account_id', 'created_at']).execute();

  await db.schema
    .createTable('usage_months')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('renders', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('usage_months_pk', ['account_id', 'month'])
    .execute();

  await db.schema
    .createTable('rate_windows')
    .addColumn('bucket', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('assets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('ext', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assets_account_sha').on('assets').columns(['account_id', 'sha256']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['assets', 'rate_windows', 'usage_months', 'renders']) await db.schema.dropTable(table).execute();
}
