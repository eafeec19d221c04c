// Uploaded assets (images for the editor): checked bytes in the blob store under
// `assets/<id>.<ext>`, indexed by the `assets` table. The bytes are stored before the row.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { CheckedImage } from '../fetch/image-bytes';
import { newPublicId } from '../render/render.repository';
import type { BlobStore } from '../storage/blob-store';
import { type StoredAsset, findAsset, findAssetByHash, insertAsset } from './assets.repository';

/** `<id>.<ext>` of an asset: its URL's last segment and, under `assets/`, its blob key. */
export const ASSET_FILE = /^([A-Za-z0-9_-]{22})\.(png|jpg|webp|gif|svg)$/;

export const assetKey = (asset: Pick<StoredAsset, 'id' | 'ext'>) => `assets/${asset.id}.${asset.ext}`;

export interface AssetsDeps {
  db: Kysely<Database>;
  storage: BlobStore;
}

/** The asset a file name (`<id>.<ext>`) names, or undefined. */
export async function findAssetFile(deps: AssetsDeps, file: string): Promise<StoredAsset | undefined> {
  const match = ASSET_FILE.exec(file);
  const asset = match?.[1] ? await findAsset(deps.db, match[1]) : undefined;
  return asset && asset.ext === match?.[2] ? asset : undefined;
}

/** Bytes of an asset by file name, or undefined when there is none. */
export async function readAssetBytes(storage: BlobStore, file: string): Promise<Buffer | undefined> {
  if (!ASSET_FILE.test(file)) return undefined;
  return storage.get(`assets/${file}`);
}

/** Stores a checked image; the same bytes uploaded again by the same account reuse the first copy. */
export async function storeAsset(
  deps: AssetsDeps,
  accountId: string,
  image: CheckedImage,
): Promise<{ asset: StoredAsset; created: boolean }> {
  const sha256 = createHash('sha256').update(image.bytes).digest('hex');
  const existing = await findAssetByHash(deps.db, accountId, sha256);
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
  await deps.storage.put(assetKey(asset), image.bytes, asset.mime);
  await insertAsset(deps.db, asset);
  return { asset, created: true };
}
