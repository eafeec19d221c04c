// The render API: POST /api/generate, POST /api/generate/batch, GET /api/render, GET
// /api/images/:file, plus the routes of uploads, fonts and usage.
import type Router from '@koa/router';
import type { Context } from 'koa';
import { authOf } from '../auth/auth.middleware';
import { ApiError, notFound, validationError } from '../errors';
import { parseJson } from '../http/body';
import { mountUsageRoutes } from '../quota/quota.routes';
import { findOwnTemplate, findTemplateById } from '../templates/templates.repository';
import { decideRenderAccess } from './access';
import { mountAssetRoutes } from '../assets/assets.routes';
import { mountBatchRoute } from './batch.routes';
import { mountFontRoutes } from '../fonts/fonts.routes';
import { IMMUTABLE, isFresh, setImageHeaders, setRenderHeaders } from '../images/image-headers';
import { paramsFromQuery, readQuery } from './query';
import { GenerateBodySchema, paramsFromBody } from './request';
import { generateResponse } from './response';
import { FORMAT_FILES } from './job';
import { type RenderOutcome, findReusableRender, prepareRender, produceRender } from './render.service';
import { type RenderDeps, renderServicesFor } from './services';
import { IMAGE_FILE, findRender, hasImageFile, readImageFile } from './render.repository';

/** Gallery thumbnails are at most this wide (the gallery shows them at about 260 CSS px). */
export const THUMBNAIL_WIDTH = 480;

export type { RenderDeps } from './services';

export function mountRenderRoutes(router: Router, deps: RenderDeps): void {
  const services = renderServicesFor(deps);

  router.post('/api/generate', async (ctx) => {
    const auth = authOf(ctx);
    const params = paramsFromBody(parseJson(ctx, GenerateBodySchema));
    const template = await findOwnTemplate(deps.db, auth.accountId, params.templateId);
    if (!template) throw notFound('template');
    const outcome = await produceRender(deps, services, ctx, template, params, {
      kind: 'account',
      accountId: auth.accountId,
    });
    setRenderHeaders(ctx, outcome.render, outcome.cached, outcome.generationMs);
    ctx.body = generateResponse(deps, ctx, outcome);
  });

  mountBatchRoute(router, deps, services);

  router.get('/api/render', async (ctx) => {
    const query = readQuery(ctx.querystring);
    if (!query.templateId) {
      throw validationError('invalid_request', [
        { path: 'templateId', message: 'required: the id of the template to render' },
      ]);
    }
    const found = await findTemplateById(deps.db, query.templateId);
    const { template, payer } = await decideRenderAccess(deps, ctx, found, query);
    const params = paramsFromQuery(query, template.document.layers);
    // HEAD answers from the store only: a link checker probing an og:image URL must not
    // render it or charge anyone. A miss says what GET would send, without the bytes' headers.
    if (ctx.method === 'HEAD') {
      const stored = await findReusableRender(deps, prepareRender(template, params, 'render'));
      if (!stored) {
        ctx.set('X-Cache', 'MISS');
        ctx.set('Cache-Control', 'no-store');
        ctx.type = FORMAT_FILES[params.format].mime;
        ctx.status = 200;
        return;
      }
    }
    // Public: shared caches may keep it a while (the template can still change). Private:
    // only the client that holds the signature or key.
    const cacheControl = template.isPublic
      ? 'public, max-age=3600, stale-while-revalidate=86400'
      : 'private, max-age=3600';
    await sendRender(ctx, () => produceRender(deps, services, ctx, template, params, payer, 'render'), cacheControl);
  });

  // The gallery's thumbnail of a template: the saved version with no overrides, at most
  // THUMBNAIL_WIDTH pixels wide, as WebP. Charged to no quota or rate — it is cached per
  // version and too small to stand in for a real render — and visible to its owner only.
  router.get('/api/templates/:id/thumbnail', async (ctx) => {
    const auth = authOf(ctx);
    const template = await findOwnTemplate(deps.db, auth.accountId, ctx.params.id ?? '');
    if (!template) throw notFound('template');
    const scale = Math.min(1, THUMBNAIL_WIDTH / template.document.canvas.width);
    const params = {
      templateId: template.id,
      layers: {},
      variables: {},
      format: 'webp' as const,
      quality: 80,
      scale,
      force: false,
    };
    await sendRender(
      ctx,
      () => produceRender(deps, services, ctx, template, params, { kind: 'preview' }, 'render'),
      'private, no-cache',
    );
  });

  router.get('/api/images/:file', async (ctx) => {
    const match = IMAGE_FILE.exec(ctx.params.file ?? '');
    const render = match?.[1] ? await findRender(deps.db, match[1]) : undefined;
    const imageNotFound = () => new ApiError(404, 'not_found', 'image not found');
    if (!render || render.ext !== match?.[2]) throw imageNotFound();
    // A row whose file is gone (deleted by a sweep or by hand) is an image we do not have:
    // 404 like an unknown id, decided before any header describes the image.
    const fresh = isFresh(ctx, render.etag);
    const bytes = fresh ? undefined : await readImageFile(deps.dataDir, render);
    if (fresh ? !(await hasImageFile(deps.dataDir, render)) : !bytes) throw imageNotFound();
    ctx.set('Cache-Control', IMMUTABLE);
    setImageHeaders(ctx, render);
    if (fresh) {
      ctx.status = 304;
      return;
    }
    ctx.body = bytes;
  });

  /** A render's bytes as the response (304 when the client's copy is current). */
  async function sendRender(ctx: Context, produce: () => Promise<RenderOutcome>, cacheControl: string): Promise<void> {
    let outcome = await produce();
    const fresh = isFresh(ctx, outcome.render.etag);
    let bytes = fresh ? undefined : await readImageFile(deps.dataDir, outcome.render);
    if (!fresh && !bytes) {
      // The file went between the lookup and this read (a retention sweep deleted the row,
      // then the file): the lookup now finds no row, or a row without a file, and renders.
      outcome = await produce();
      bytes = await readImageFile(deps.dataDir, outcome.render);
      if (!bytes) throw new Error(`render ${outcome.render.id} has no file just after it was produced`);
    }
    const { render } = outcome;
    setRenderHeaders(ctx, render, outcome.cached, outcome.generationMs);
    ctx.set('Cache-Control', cacheControl);
    setImageHeaders(ctx, render);
    if (fresh) {
      ctx.status = 304;
      return;
    }
    ctx.body = bytes;
  }

  mountAssetRoutes(router, deps);
  mountFontRoutes(router);
  mountUsageRoutes(router, deps);
}
