// Rows of uploaded assets. Names are random ids, so a URL reveals nothing and cannot be guessed.
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';
import type { AssetsTable } from './assets.table';

export type StoredAsset = Selectable<AssetsTable>;

export async function findAsset(db: Kysely<Database>, id: string): Promise<StoredAsset | undefined> {
  return db.selectFrom('assets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The account's asset with these bytes (by SHA-256), if it uploaded them before. */
export async function findAssetByHash(
  db: Kysely<Database>,
  accountId: string,
  sha256: string,
): Promise<StoredAsset | undefined> {
  return db
    .selectFrom('assets')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export async function insertAsset(db: Kysely<Database>, asset: StoredAsset): Promise<void> {
  await db.insertInto('assets').values(asset).execute();
}
