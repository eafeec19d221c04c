// Fonts an account uploads: one row per face (family, weight, style), its bytes in the blob
// store under `fonts/<id>.<ext>`. `accounts.fonts_revision` counts changes to an account's
// fonts; it is part of every render's cache key, so a new or removed font is never answered
// with an image drawn before it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fonts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('family', 'text', (c) => c.notNull())
    /** Lower case: CSS matches family names ASCII case-insensitively. */
    .addColumn('family_key', 'text', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addColumn('style', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    /** JSON `{ ascent, descent }`, fractions of the em. */
    .addColumn('metrics', 'text', (c) => c.notNull())
    /** JSON `[[first, last], …]`: the code points the face maps. */
    .addColumn('coverage', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('fonts_face_unique', ['account_id', 'family_key', 'weight', 'style'])
    .execute();
  await db.schema
    .alterTable('accounts')
    .addColumn('fonts_revision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('fonts_revision').execute();
  await db.schema.dropTable('fonts').execute();
}
