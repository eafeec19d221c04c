// GET /api/images/:file: a stored render at its permanent URL.
import type Router from '@koa/router';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { ApiError } from '../errors';
import { IMAGE_FILE, findRender, imageKey } from '../render/render.repository';
import type { BlobStore } from '../storage/blob-store';
import type { HotBytes } from './hot-bytes';
import { IMMUTABLE } from './image-headers';
import { readStoredImage, sendStoredImage } from './send-image';

export function mountImageRoutes(
  router: Router,
  deps: { db: Kysely<Database>; storage: BlobStore; hot: HotBytes },
): void {
  router.get('/api/images/:file', async (ctx) => {
    const match = IMAGE_FILE.exec(ctx.params.file ?? '');
    const render = match?.[1] ? await findRender(deps.db, match[1]) : undefined;
    // A row whose bytes are gone (deleted by a sweep or by hand) is an image we do not have:
    // 404 like an unknown id.
    const read =
      render && render.ext === match?.[2]
        ? await readStoredImage(ctx, deps.storage, imageKey(render), render.etag, deps.hot)
        : undefined;
    if (!render || !read) throw new ApiError(404, 'not_found', 'image not found');
    sendStoredImage(ctx, read, render, IMMUTABLE);
  });
}
