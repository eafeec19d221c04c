// GET /api/images/:file: a stored render at its permanent URL.
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { ApiError } from '../errors';
import { IMAGE_FILE, type ServedRender, findRender, findRenderNow, imageKey } from '../render/render.repository';
import type { BlobStore } from '../storage/blob-store';
import type { HotBytes } from './hot-bytes';
import { IMMUTABLE } from './image-headers';
import { type StoredImageRead, readKeptImage, readStoredImage, sendStoredImage } from './send-image';

export interface ImageRouteDeps {
  db: Kysely<Database>;
  storage: BlobStore;
  hot: HotBytes;
}

/**
 * Answers with the stored image named `file` (`<id>.<ext>`); false, with nothing set, when
 * there is none. The route asks it, and so does the hot lane (http/hot-lane.ts). Without
 * waiting (a boolean, not a promise) when the row is read at once and the bytes are in memory.
 */
export function answerStoredImage(deps: ImageRouteDeps, ctx: Context, file: string): boolean | Promise<boolean> {
  const match = IMAGE_FILE.exec(file);
  const id = match?.[1];
  if (!id) return false;
  const now = findRenderNow(deps.db, id);
  if (!now) return answerLater(deps, ctx, id, match[2]);
  const render = now.found;
  if (!render || render.ext !== match[2]) return false;
  const kept = readKeptImage(ctx, imageKey(render), render.etag, deps.hot);
  return kept ? send(ctx, kept, render) : serve(deps, ctx, render);
}

async function answerLater(deps: ImageRouteDeps, ctx: Context, id: string, ext: string | undefined): Promise<boolean> {
  const render = await findRender(deps.db, id);
  return render && render.ext === ext ? serve(deps, ctx, render) : false;
}

async function serve(deps: ImageRouteDeps, ctx: Context, render: ServedRender): Promise<boolean> {
  // A row whose bytes are gone (deleted by a sweep or by hand) is an image we do not have.
  const read = await readStoredImage(ctx, deps.storage, imageKey(render), render.etag, deps.hot);
  return read ? send(ctx, read, render) : false;
}

function send(ctx: Context, read: StoredImageRead, render: ServedRender): true {
  sendStoredImage(ctx, read, render, IMMUTABLE);
  return true;
}

export function mountImageRoutes(router: Router, deps: ImageRouteDeps): void {
  router.get('/api/images/:file', async (ctx) => {
    if (!(await answerStoredImage(deps, ctx, ctx.params.file ?? ''))) {
      throw new ApiError(404, 'not_found', 'image not found');
    }
  });
}
