// The one way stored bytes (renders, uploads) are answered: 304 when the client's copy is
// current, else the bytes, with the same headers either way. An object that is gone (a
// sweep, a hand-cleaned data directory) is reported as undefined before any header
// describes it, so the caller can answer 404 or make it again.
import type { Context } from 'koa';
import type { BlobStore } from '../storage/blob-store';
import type { HotBytes } from './hot-bytes';
import { isFresh, setImageHeaders } from './image-headers';

export type StoredImageRead = { fresh: true } | { fresh: false; bytes: Buffer };

/** What to answer for the object under `key`, or undefined when it is gone. */
export async function readStoredImage(
  ctx: Context,
  storage: BlobStore,
  key: string,
  etag: string,
  hot?: HotBytes,
): Promise<StoredImageRead | undefined> {
  const kept = hot && readKeptImage(ctx, key, etag, hot);
  if (kept) return kept;
  if (isFresh(ctx, etag)) return (await storage.has(key)) ? { fresh: true } : undefined;
  const bytes = await storage.get(key);
  if (bytes) hot?.set(key, etag, bytes);
  return bytes ? { fresh: false, bytes } : undefined;
}

/** What to answer from the bytes kept in memory alone; undefined when they are not kept there. */
export function readKeptImage(ctx: Context, key: string, etag: string, hot: HotBytes): StoredImageRead | undefined {
  const kept = hot.get(key, etag);
  if (!kept) return undefined;
  return isFresh(ctx, etag) ? { fresh: true } : { fresh: false, bytes: kept };
}

/** What to answer for bytes in hand (a render this request just made and stored). */
export function freshBytes(ctx: Context, etag: string, bytes: Buffer): StoredImageRead {
  return isFresh(ctx, etag) ? { fresh: true } : { fresh: false, bytes };
}

/** Answers with what `readStoredImage` found. */
export function sendStoredImage(
  ctx: Context,
  read: StoredImageRead,
  file: { mime: string; etag: string; bytes: number },
  cacheControl: string,
): void {
  ctx.set('Cache-Control', cacheControl);
  setImageHeaders(ctx, file);
  if (read.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.body = read.bytes;
}
