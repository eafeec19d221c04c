// GET /api/images/:file: a stored render at its permanent URL.
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { ApiError } from '../errors';
import { IMAGE_FILE, findRender, imageKey } from '../render/render.repository';
import type { BlobStore } from '../storage/blob-store';
import type { HotBytes } from './hot-bytes';
import { IMMUTABLE } from './image-headers';
import { readStoredImage, sendStoredImage } from './send-image';

export interface ImageRouteDeps {
  db: Kysely<Database>;
  storage: BlobStore;
  hot: HotBytes;
}

/**
 * Answers with the stored image named `file` (`<id>.<ext>`); false, with nothing set, when
 * there is none. The route asks it, and so does the hot lane (http/hot-lane.ts).
 */
export async function answerStoredImage(deps: ImageRouteDeps, ctx: Context, file: string): Promise<boolean> {
  const match = IMAGE_FILE.exec(file);
  const render = match?.[1] ? await findRender(deps.db, match[1]) : undefined;
  // A row whose bytes are gone (deleted by a sweep or by hand) is an image we do not have.
  const read =
    render && render.ext === match?.[2]
      ? await readStoredImage(ctx, deps.storage, imageKey(render), render.etag, deps.hot)
      : undefined;
  if (!render || !read) return false;
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
