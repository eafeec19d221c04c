// Uploaded assets (images for the editor) as files in `<dataDir>/assets`, indexed by the
// `assets` table. Names are random ids, so a URL reveals nothing and cannot be guessed.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { writeDurably } from '../render/durable-write';
import { join } from 'node:path';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';
import type { CheckedImage } from '../fetch/image-bytes';
import { newPublicId } from '../render/render.repository';
import type { AssetsTable } from './assets.table';

export type StoredAsset = Selectable<AssetsTable>;

export const ASSET_FILE = /^([A-Za-z0-9_-]{22})\.(png|jpg|webp|gif)$/;

export function assetsDir(dataDir: string): string {
  return join(dataDir, 'assets');
}

/** Bytes of an asset by file name, or undefined when there is none. */
export async function readAssetBytes(dataDir: string, file: string): Promise<Buffer | undefined> {
  if (!ASSET_FILE.test(file)) return undefined;
  try {
    return await readFile(join(assetsDir(dataDir), file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function findAsset(db: Kysely<Database>, id: string): Promise<StoredAsset | undefined> {
  return db.selectFrom('assets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Stores a checked image; the same bytes uploaded again by the same account reuse the first copy. */
export async function storeAsset(
  db: Kysely<Database>,
  dataDir: string,
  accountId: string,
  image: CheckedImage,
): Promise<{ asset: StoredAsset; created: boolean }> {
  const sha256 = createHash('sha256').update(image.bytes).digest('hex');
  const existing = await db
    .selectFrom('assets')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (existing) return { asset: existing, created: false };
  const asset: StoredAsset = {
    id: newPublicId(),
    account_id: accountId,
    mime: image.mime,
    ext: image.ext,
    bytes: image.bytes.byteLength,
    width: image.width,
    height: image.height,
    sha256,
    created_at: new Date().toISOString(),
  };
  const dir = assetsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const final = join(dir, `${asset.id}.${asset.ext}`);
  await writeDurably(`${final}.tmp`, image.bytes);
  await rename(`${final}.tmp`, final);
  await db.insertInto('assets').values(asset).execute();
  return { asset, created: true };
}
