// POST /api/assets: image upload for the editor, with the same checks as fetched images
// (magic bytes, ≤ 10 MB, ≤ 25 MP from the header). GET /api/assets/:file serves it back.
import type Router from '@koa/router';
import type { AssetUploadResponse } from '@layercast/shared';
import { authOf } from '../auth/auth.middleware';
import type { Config } from '../config';
import { ApiError } from '../errors';
import { ImageSourceError, MAX_IMAGE_BYTES, inspectImage } from '../fetch/image-bytes';
import { requestOrigin } from '../http/origin';
import { readRawBody } from '../http/raw-body';
import { IMMUTABLE } from '../images/image-headers';
import { readStoredImage, sendStoredImage } from '../images/send-image';
import { baseUrlOf } from '../render/response';
import { type AssetsDeps, assetKey, findAssetFile, storeAsset } from './assets.service';

export function mountAssetRoutes(router: Router, deps: AssetsDeps & { config: Config }): void {
  router.post('/api/assets', async (ctx) => {
    const auth = authOf(ctx);
    if (ctx.is('application/json', 'multipart/*', 'application/x-www-form-urlencoded', 'text/*')) {
      throw new ApiError(
        415,
        'unsupported_media_type',
        'send the image bytes as the body, e.g. Content-Type: image/png',
      );
    }
    const bytes = await readRawBody(ctx, MAX_IMAGE_BYTES, 'upload');
    if (bytes.byteLength === 0) throw new ApiError(422, 'invalid_image', 'the body is empty; send the image bytes');
    let info: Awaited<ReturnType<typeof inspectImage>>;
    try {
      info = await inspectImage(bytes);
    } catch (error) {
      if (error instanceof ImageSourceError) {
        const status = error.problem === 'unsupported_type' ? 415 : error.problem === 'too_large' ? 413 : 422;
        throw new ApiError(status, 'invalid_image', error.message);
      }
      throw error;
    }
    const { asset, created } = await storeAsset(deps, auth.accountId, { ...info, bytes });
    const path = `/api/assets/${asset.id}.${asset.ext}`;
    ctx.status = created ? 201 : 200;
    const body: AssetUploadResponse = {
      success: true,
      asset: {
        id: asset.id,
        url: path,
        absoluteUrl: `${baseUrlOf(deps.config, requestOrigin(ctx))}${path}`,
        mime: asset.mime,
        width: asset.width,
        height: asset.height,
        bytes: asset.bytes,
      },
    };
    ctx.body = body;
  });

  router.get('/api/assets/:file', async (ctx) => {
    const assetNotFound = () => new ApiError(404, 'not_found', 'asset not found');
    const asset = await findAssetFile(deps, ctx.params.file ?? '');
    if (!asset) throw assetNotFound();
    const etag = `"${asset.sha256.slice(0, 32)}"`;
    const read = await readStoredImage(ctx, deps.storage, assetKey(asset), etag);
    if (!read) throw assetNotFound();
    sendStoredImage(ctx, read, { mime: asset.mime, etag, bytes: asset.bytes }, IMMUTABLE);
  });
}
