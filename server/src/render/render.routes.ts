// The render API: POST /api/generate, GET /api/render and the gallery thumbnail. Each is a
// thin shell around the render service; bytes go out through images/send-image.ts.
import type Router from '@koa/router';
import { GenerateRequestSchema } from '@layercast/shared';
import type { Context } from 'koa';
import type { Kysely } from 'kysely';
import { authOf } from '../auth/auth.middleware';
import { maySeeTemplate } from '../deps';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import { notFound, validationError } from '../errors';
import { parseJson } from '../http/body';
import { requestOrigin } from '../http/origin';
import { setRenderHeaders } from '../images/image-headers';
import type { HotBytes } from '../images/hot-bytes';
import { freshBytes, readStoredImage, sendStoredImage } from '../images/send-image';
import { rateLimitHeaders } from '../quota/rate-limit-headers';
import type { QuotaService } from '../quota/quota.service';
import type { BlobStore } from '../storage/blob-store';
import type { TemplateDocuments } from '../templates/template-documents';
import { findOwnTemplate, findTemplateById, templateAtVersion } from '../templates/templates.repository';
import { decideRenderAccess, isSigned } from './access';
import { FORMAT_FILES } from './job';
import { type KnownHits, renderCacheControl } from './known-hit';
import { paramsFromQuery, readQuery } from './query';
import { imageKey } from './render.repository';
import type { RenderOutcome, RenderService, Requester } from './render.service';
import { paramsFromBody } from './request';
import { baseUrlOf, generateResponse } from './response';

export interface RenderRouteDeps {
  db: Kysely<Database>;
  config: Config;
  storage: BlobStore;
  render: RenderService;
  /** Parsed documents by (template id, version), shared by every render route. */
  documents: TemplateDocuments;
  /** Bytes of recently served renders. */
  hot: HotBytes;
  /** Repeated queries answered from their known cache key. */
  hits: KnownHits;
  /** The account's month, reported with each generate. */
  quota: Pick<QuotaService, 'usage'>;
}

/** `version=3` in a render query; anything else is a 422 naming the parameter. */
function versionParam(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[1-9]\d{0,8}$/.test(raw)) {
    throw validationError('invalid_request', [
      { path: 'version', message: 'expected a version number (a whole number from 1)' },
    ]);
  }
  return Number(raw);
}

export const requesterOf = (ctx: Context): Requester => ({ origin: requestOrigin(ctx), log: ctx.state.log });

/** The rate-limit headers of a charged render (none for hits and thumbnails). */
export function setChargeHeaders(ctx: Context, outcome: RenderOutcome): void {
  if (outcome.limits) ctx.set(rateLimitHeaders(outcome.limits));
}

export function mountRenderRoutes(router: Router, deps: RenderRouteDeps): void {
  const { db, config, storage, render, documents, hot, hits } = deps;

  router.post('/api/generate', async (ctx) => {
    const auth = authOf(ctx);
    const params = paramsFromBody(parseJson(ctx, GenerateRequestSchema));
    const current = maySeeTemplate(auth, params.templateId)
      ? await findOwnTemplate(db, auth.accountId, params.templateId, documents)
      : undefined;
    if (!current) throw notFound('template');
    const template = await templateAtVersion(db, current, params.version, documents);
    const page = await render.withPage(template, params);
    const outcome = await render.produce(
      template,
      page.params,
      { kind: 'account', accountId: auth.accountId },
      requesterOf(ctx),
    );
    setChargeHeaders(ctx, outcome);
    setRenderHeaders(ctx, outcome.render, outcome.cached, outcome.generationMs);
    const { renders, monthlyQuota, remaining } = await deps.quota.usage(auth.accountId);
    ctx.body = {
      ...generateResponse(baseUrlOf(config, requestOrigin(ctx)), outcome, { renders, monthlyQuota, remaining }),
      ...(page.source ? { source: page.source } : {}),
    };
  });

  router.get('/api/render', async (ctx) => {
    const query = readQuery(ctx.querystring);
    if (!query.templateId) {
      throw validationError('invalid_request', [
        { path: 'templateId', message: 'required: the id of the template to render' },
      ]);
    }
    if (await hits.answer(ctx, ctx.state.auth, query)) return;
    const found = await findTemplateById(db, query.templateId, documents);
    const access = await decideRenderAccess(deps, { auth: ctx.state.auth, ip: ctx.ip }, found, query);
    const { payer } = access;
    const template = await templateAtVersion(db, access.template, versionParam(query.version), documents);
    const params = paramsFromQuery(query, template.document.layers);
    // HEAD answers from the store only: a link checker probing an og:image URL must not
    // render it or charge anyone. A miss says what GET would send, without the bytes' headers.
    if (ctx.method === 'HEAD') {
      const stored = await render.findReusable(render.prepare(template, params, 'render'));
      if (!stored) {
        ctx.set('X-Cache', 'MISS');
        ctx.set('Cache-Control', 'no-store');
        ctx.type = FORMAT_FILES[params.format].mime;
        ctx.status = 200;
        return;
      }
    }
    const outcome = await sendRender(
      ctx,
      () => render.produce(template, params, payer, requesterOf(ctx), 'render'),
      renderCacheControl(template.isPublic),
    );
    const { cache_key: cacheKey } = outcome.render;
    if (cacheKey) {
      hits.remember(ctx.querystring, {
        templateId: query.templateId,
        signed: isSigned(query),
        templateVersion: access.template.version,
        fontsRevision: template.fontsRevision,
        cacheKey,
      });
    }
  });

  // The gallery's thumbnail of a template (see the render service), visible to its owner only.
  router.get('/api/templates/:id/thumbnail', async (ctx) => {
    const auth = authOf(ctx);
    const template = await findOwnTemplate(db, auth.accountId, ctx.params.id ?? '', documents);
    if (!template) throw notFound('template');
    await sendRender(ctx, () => render.thumbnail(template, requesterOf(ctx)), 'private, no-cache');
  });

  /** A render's bytes as the response (304 when the client's copy is current). */
  async function sendRender(
    ctx: Context,
    produce: () => Promise<RenderOutcome>,
    cacheControl: string,
  ): Promise<RenderOutcome> {
    let outcome = await produce();
    setChargeHeaders(ctx, outcome);
    let read = outcome.bytes
      ? freshBytes(ctx, outcome.render.etag, outcome.bytes)
      : await readStoredImage(ctx, storage, imageKey(outcome.render), outcome.render.etag, hot);
    if (!read) {
      // The bytes went between the lookup and this read (a retention sweep deleted the row,
      // then the object): the lookup now finds no row, or a row without bytes, and renders.
      outcome = await produce();
      setChargeHeaders(ctx, outcome);
      read = await readStoredImage(ctx, storage, imageKey(outcome.render), outcome.render.etag, hot);
      if (!read) throw new Error(`render ${outcome.render.id} has no bytes just after it was produced`);
    }
    setRenderHeaders(ctx, outcome.render, outcome.cached, outcome.generationMs);
    sendStoredImage(ctx, read, outcome.render, cacheControl);
    return outcome;
  }
}
