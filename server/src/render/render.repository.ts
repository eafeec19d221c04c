// Stored renders: the bytes in the blob store under `images/<id>.<ext>`, indexed by the
// `renders` table, which is also the render cache (a row with a cache key can be served
// again). The bytes are stored (durably) before the row is committed, so every row that was
// acknowledged to a client has its bytes. An object can still go missing later (a retention
// sweep between a lookup and the read, a hand-cleaned or partly restored data directory):
// readers treat that as "not stored" (`storage.get`/`has` give undefined/false), never as
// an error.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';
import type { BlobStore } from '../storage/blob-store';
import type { RendersTable } from './render.table';

export type StoredRender = Selectable<RendersTable>;

export const IMAGE_FILE = /^([A-Za-z0-9_-]{22})\.(png|jpg|webp|avif|svg|pdf)$/;

/** The blob key of a render's bytes. */
export function imageKey(render: Pick<StoredRender, 'id' | 'ext'>): string {
  return `images/${render.id}.${render.ext}`;
}

/** 128 random bits, URL-safe: unguessable, so an image URL is a capability. */
export function newPublicId(): string {
  return randomBytes(16).toString('base64url');
}

export function strongEtag(bytes: Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
}

/** The newest reusable render for a cache key. */
export async function findCachedRender(db: Kysely<Database>, cacheKey: string): Promise<StoredRender | undefined> {
  return db
    .selectFrom('renders')
    .selectAll()
    .where('cache_key', '=', cacheKey)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findRender(db: Kysely<Database>, id: string): Promise<StoredRender | undefined> {
  return db.selectFrom('renders').selectAll().where('id', '=', id).executeTakeFirst();
}

export type NewRender = Omit<StoredRender, 'id' | 'etag' | 'bytes' | 'created_at' | 'last_used_at'>;

/**
 * Stores a new render. The bytes go first, then the row. A render with a cache key is the
 * one row for that key (a unique index): when another node stored the same request first,
 * that row is returned and these bytes are removed, so every caller gets the same image.
 * `replaceCached` (a forced re-render) makes the new render the key's row instead; the
 * old one keeps its id and URL, no longer found by the key.
 */
export async function storeRender(
  db: Kysely<Database>,
  storage: BlobStore,
  fields: NewRender,
  data: Uint8Array,
  options: { replaceCached?: boolean } = {},
): Promise<StoredRender> {
  const now = new Date().toISOString();
  const row: StoredRender = {
    ...fields,
    id: newPublicId(),
    etag: strongEtag(data),
    bytes: data.byteLength,
    created_at: now,
    last_used_at: now,
  };
  await storage.put(imageKey(row), data, row.mime);
  const cacheKey = row.cache_key;
  if (cacheKey === null) {
    await db.insertInto('renders').values(row).execute();
    return row;
  }
  for (let attempt = 0; ; attempt++) {
    const inserted = await db.transaction().execute(async (trx) => {
      if (options.replaceCached) {
        await trx.updateTable('renders').set({ cache_key: null }).where('cache_key', '=', cacheKey).execute();
      }
      const result = await trx
        .insertInto('renders')
        .values(row)
        .onConflict((oc) => oc.column('cache_key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    });
    if (inserted) return row;
    const winner = await findCachedRender(db, cacheKey);
    if (winner) {
      await storage.delete(imageKey(row));
      return winner;
    }
    // The other row went between our insert and this read (a retention sweep): try again.
    if (attempt >= 2) throw new Error(`could not store a render for cache key ${cacheKey}`);
  }
}

/**
 * Stores a new render of the request a `lost` row (one whose bytes are gone) was made for,
 * under that row's id: its URL, which may have been handed out, serves an image again. The
 * row takes the new bytes' ETag and size; it stays `generate` if it was. When the row itself
 * went in the meantime (a retention sweep deletes the row, then the file), the render is
 * stored as a new one instead and the object written under the old id is removed.
 */
export async function restoreRender(
  db: Kysely<Database>,
  storage: BlobStore,
  lost: StoredRender,
  fields: NewRender,
  data: Uint8Array,
): Promise<StoredRender> {
  const now = new Date().toISOString();
  await storage.put(imageKey(lost), data, fields.mime);
  // The sweep deletes only rows unused since its cutoff: setting last_used_at keeps it off
  // this one from here on (its delete re-checks the cutoff in the same statement).
  const restored = await db
    .updateTable('renders')
    .set({
      etag: strongEtag(data),
      bytes: data.byteLength,
      width: fields.width,
      height: fields.height,
      generation_ms: fields.generation_ms,
      diagnostics: fields.diagnostics,
      cache_key: fields.cache_key,
      // Never back from `generate` to `render`: a URL once handed out stays permanent.
      ...(fields.origin === 'generate' ? { origin: 'generate' as const } : {}),
      last_used_at: now,
    })
    .where('id', '=', lost.id)
    .returningAll()
    .executeTakeFirst();
  if (restored) return restored;
  await storage.delete(imageKey(lost));
  return storeRender(db, storage, fields, data);
}
