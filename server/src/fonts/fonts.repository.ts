// Rows of uploaded fonts. Every change bumps the account's `fonts_revision` in the same
// transaction, so a render cached before the change is never served after it.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { FontsTable } from './fonts.table';

export type StoredFont = Selectable<FontsTable>;

async function bumpRevision(trx: Transaction<Database>, accountId: string): Promise<void> {
  await trx
    .updateTable('accounts')
    .set((eb) => ({ fonts_revision: eb('fonts_revision', '+', 1) }))
    .where('id', '=', accountId)
    .execute();
}

/** The account's faces, by family, weight, then style. */
export async function listAccountFonts(db: Kysely<Database>, accountId: string): Promise<StoredFont[]> {
  return db
    .selectFrom('fonts')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('family_key')
    .orderBy('weight')
    .orderBy('style')
    .execute();
}

export async function findAccountFont(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<StoredFont | undefined> {
  return db.selectFrom('fonts').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
}

/**
 * Inserts a face, replacing the account's face of the same family, weight and style;
 * refuses (returns `limit`) when the account already has `maxFonts` other faces.
 */
export async function putFont(
  db: Kysely<Database>,
  font: StoredFont,
  maxFonts: number,
): Promise<{ replaced?: StoredFont } | 'limit'> {
  return db.transaction().execute(async (trx) => {
    const faces = await trx
      .selectFrom('fonts')
      .select(['family_key', 'weight', 'style'])
      .where('account_id', '=', font.account_id)
      .execute();
    const others = faces.filter(
      (f) => !(f.family_key === font.family_key && f.weight === font.weight && f.style === font.style),
    );
    if (others.length >= maxFonts) return 'limit';
    const replaced = await trx
      .deleteFrom('fonts')
      .where('account_id', '=', font.account_id)
      .where('family_key', '=', font.family_key)
      .where('weight', '=', font.weight)
      .where('style', '=', font.style)
      .returningAll()
      .executeTakeFirst();
    await trx.insertInto('fonts').values(font).execute();
    await bumpRevision(trx, font.account_id);
    return replaced ? { replaced } : {};
  });
}

/** Removes a face; the removed row, or undefined when the account has no such font. */
export async function deleteAccountFont(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<StoredFont | undefined> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('fonts')
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .returningAll()
      .executeTakeFirst();
    if (removed) await bumpRevision(trx, accountId);
    return removed;
  });
}
