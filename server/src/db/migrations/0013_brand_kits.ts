// An account's brand kit: its saved colours and logos (asset ids), one row per account,
// written whole by PUT /api/brand. Its fonts are the account's uploads (`fonts`).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('brand_kits')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    /** JSON `[{ name?, value }]`. */
    .addColumn('colors', 'text', (c) => c.notNull())
    /** JSON `[{ assetId, name? }]`. */
    .addColumn('logos', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('brand_kits').execute();
}
