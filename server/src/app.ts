// `createApp(deps)` builds every service from the deps, mounts each feature's routes and
// returns the Koa app; `main.ts` (and the tests) listen.
import Router from '@koa/router';
import Koa from 'koa';
import { mountAssetRoutes } from './assets/assets.routes';
import { mountBrandRoutes } from './brand/brand.routes';
import { createBrandService } from './brand/brand.service';
import { authenticate, bodyApiKey } from './auth/auth.middleware';
import { mountAuthRoutes } from './auth/auth.routes';
import { createAuthService } from './auth/auth.service';
import type { AppDeps } from './deps';
import { mountFontRoutes } from './fonts/fonts.routes';
import { createFontsService } from './fonts/fonts.service';
import { jsonBodyParser } from './http/body';
import { hotLane } from './http/hot-lane';
import { serveEditor } from './http/editor';
import { mountHealth } from './http/health';
import { requestContext } from './http/request-context';
import { securityHeaders } from './http/security-headers';
import { HotBytes } from './images/hot-bytes';
import { answerStoredImage, mountImageRoutes } from './images/images.routes';
import { BULK_BODY_LIMIT, mountJobRoutes } from './jobs/jobs.routes';
import { createJobsService } from './jobs/jobs.service';
import { mountKeyRoutes } from './keys/keys.routes';
import { createPagesService } from './pages/pages.service';
import { mountOpenApiRoutes } from './openapi/routes';
import { mountUsageRoutes } from './quota/quota.routes';
import { createQuotaService } from './quota/quota.service';
import { mountBatchRoute } from './render/batch.routes';
import { createKnownHits } from './render/known-hit';
import { mountRenderRoutes } from './render/render.routes';
import { TemplateDocuments } from './templates/template-documents';
import { createRenderService } from './render/render.service';
import { mountTemplateRoutes } from './templates/templates.routes';

export type { AppDeps } from './deps';

const IMAGES_PREFIX = '/api/images/';

export function createApp(deps: AppDeps): Koa {
  const { db, config, logger, storage } = deps;
  // With the secret kept in the database the config carries '' until `withSharedSecret`
  // fills it in; an app built before that would sign with an empty key.
  if (config.masterSecret.length < 32) throw new Error('createApp: the master secret is not resolved');
  const quota = createQuotaService({ db, config });
  const auth = createAuthService({ db, config });
  const fonts = createFontsService({ db, storage, fontCacheDir: config.fontCacheDir });
  // Bytes of recently served renders, for cache hits that never touch the disk.
  const hot = new HotBytes(config.hotBytesMb * 1024 * 1024);
  const render = createRenderService({
    hot,
    db,
    config,
    storage,
    pool: deps.renderPool,
    fetcher: deps.imageFetcher,
    quota,
    fonts,
    pages: createPagesService(deps.imageFetcher),
  });

  // Without maxIpsCount Koa takes the leftmost X-Forwarded-For entry, which the client
  // chooses; with it, the entry the nearest trusted proxy saw.
  const { trustProxy, trustedProxies } = config;
  const app = new Koa({ proxy: trustProxy, maxIpsCount: trustProxy ? trustedProxies : 0 });
  // Errors are rendered by requestContext; Koa's own logger would print stacks to stderr.
  app.silent = true;

  // Anonymous reads of stored images (a repeated og:image URL, a permanent image URL) are
  // answered here when they can be, before the stack below (see http/hot-lane.ts).
  const hits = createKnownHits({ db, config, storage, hot });
  const images = { db, storage, hot };
  app.use(
    hotLane(logger, (ctx) => {
      if (ctx.path === '/api/render') return hits.answer(ctx, undefined);
      if (ctx.path.startsWith(IMAGES_PREFIX))
        return answerStoredImage(images, ctx, ctx.path.slice(IMAGES_PREFIX.length));
      return false;
    }),
  );
  app.use(requestContext(logger));
  app.use(securityHeaders());
  app.use(serveEditor(config.editorDist, { sourceMaps: config.serveSourceMaps }));
  // Authenticate before reading a body: an anonymous client cannot make us parse 1 MB.
  app.use(authenticate(deps));
  app.use(jsonBodyParser({ '/api/bulk': BULK_BODY_LIMIT }));
  app.use(bodyApiKey(deps));

  const router = new Router();
  mountHealth(router, deps);
  mountAuthRoutes(router, { auth, quota });
  mountKeyRoutes(router, deps);
  // Parsed template documents, by (id, version), for the render routes.
  const documents = deps.documents ?? new TemplateDocuments(config.templateCacheEntries);
  mountTemplateRoutes(router, { ...deps, documents });
  mountOpenApiRoutes(router);
  // Background jobs: this node works on queued jobs too (the queue hands each to one node).
  const jobs = createJobsService({
    db,
    config,
    logger,
    render,
    documents,
    queue: deps.jobQueue,
    fetcher: deps.imageFetcher,
  });
  jobs.start();
  mountJobRoutes(router, { db, config, storage, render, documents, jobs });
  mountRenderRoutes(router, { db, config, storage, render, documents, hot, hits, quota });
  mountBatchRoute(router, { db, config, render, documents, storage, hot });
  mountImageRoutes(router, images);
  mountAssetRoutes(router, { db, config, storage });
  mountFontRoutes(router, fonts);
  mountBrandRoutes(router, createBrandService(db));
  mountUsageRoutes(router, quota);
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
