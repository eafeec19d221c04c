// POST /api/generate/batch: up to 20 renders in one request, each succeeding or failing
// on its own (its own validation, template lookup, quota unit and render).
import type Router from '@koa/router';
import { type BatchResponse, BatchItemSchema, BatchRequestSchema, issuesFromZod } from '@layercast/shared';
import type { Kysely } from 'kysely';
import { authOf } from '../auth/auth.middleware';
import { maySeeTemplate } from '../deps';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import { DomainError, notFound, toApiError, validationError } from '../errors';
import { parseJson } from '../http/body';
import { requestOrigin } from '../http/origin';
import { type RateLimitState, rateLimitHeaders } from '../quota/rate-limit-headers';
import type { TemplateDocuments } from '../templates/template-documents';
import type { HotBytes } from '../images/hot-bytes';
import type { BlobStore } from '../storage/blob-store';
import { findOwnTemplate, templateAtVersion } from '../templates/templates.repository';
import { imageKey } from './render.repository';
import { requesterOf } from './render.routes';
import type { RenderService } from './render.service';
import { paramsFromBody } from './request';
import { baseUrlOf, generateResponse } from './response';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An item with the batch's defaults under it: fields it does not set are the defaults';
 * `layers` merge by layer and then by property, `variables` by name, the item winning.
 */
export function withDefaults(defaults: Record<string, unknown>, item: unknown): unknown {
  if (!isObject(item)) return item;
  const merged: Record<string, unknown> = { ...defaults, ...item };
  if (isObject(defaults.layers) && isObject(item.layers)) {
    const layers: Record<string, unknown> = { ...defaults.layers };
    for (const [name, props] of Object.entries(item.layers)) {
      const base = layers[name];
      layers[name] = isObject(base) && isObject(props) ? { ...base, ...props } : props;
    }
    merged.layers = layers;
  }
  if (isObject(defaults.variables) && isObject(item.variables)) {
    merged.variables = { ...defaults.variables, ...item.variables };
  }
  return merged;
}

/** Items rendered at once: enough to use the pool, few enough not to flood its queue. */
const CONCURRENCY = 4;

type ItemResult = BatchResponse['results'][number];

export function mountBatchRoute(
  router: Router,
  deps: {
    db: Kysely<Database>;
    config: Config;
    render: RenderService;
    documents: TemplateDocuments;
    storage: BlobStore;
    hot?: HotBytes;
  },
): void {
  router.post('/api/generate/batch', async (ctx) => {
    const auth = authOf(ctx);
    const { items, defaults, response } = parseJson(ctx, BatchRequestSchema);
    const results: ItemResult[] = new Array(items.length);
    const baseUrl = baseUrlOf(deps.config, requestOrigin(ctx));
    const requester = requesterOf(ctx);
    // The answer reports the rate limits as the last item charged left them.
    let limits: RateLimitState | undefined;

    const runItem = async (raw: unknown, index: number): Promise<ItemResult> => {
      const fallbackId = String(index);
      const id =
        raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
          ? (raw as { id: string }).id
          : fallbackId;
      try {
        const parsed = BatchItemSchema.safeParse(defaults ? withDefaults(defaults, raw) : raw);
        if (!parsed.success) throw validationError('invalid_request', issuesFromZod(parsed.error, `items[${index}]`));
        const params = paramsFromBody(parsed.data);
        const current = maySeeTemplate(auth, params.templateId)
          ? await findOwnTemplate(deps.db, auth.accountId, params.templateId, deps.documents)
          : undefined;
        if (!current) throw notFound('template');
        const template = await templateAtVersion(deps.db, current, params.version, deps.documents);
        const page = await deps.render.withPage(template, params);
        const outcome = await deps.render.produce(
          template,
          page.params,
          { kind: 'account', accountId: auth.accountId },
          requester,
        );
        if (outcome.limits) limits = outcome.limits;
        const result = { ...generateResponse(baseUrl, outcome), ...(page.source ? { source: page.source } : {}), id };
        if (response !== 'base64') return result;
        const key = imageKey(outcome.render);
        const bytes = deps.hot?.get(key, outcome.render.etag) ?? (await deps.storage.get(key));
        if (!bytes) throw new DomainError('render_failed', 'the rendered image could not be read back');
        return { ...result, dataUri: `data:${outcome.render.mime};base64,${Buffer.from(bytes).toString('base64')}` };
      } catch (error) {
        if (error instanceof DomainError && error.rateLimits) limits = error.rateLimits;
        const known = toApiError(error);
        if (!known) {
          ctx.state.log.error({ err: error, item: index }, 'batch item failed');
          return { id, success: false, error: { code: 'internal_error', message: 'internal error' } };
        }
        const { code, message, details } = known;
        return { id, success: false, error: { code, message, ...(details !== undefined ? { details } : {}) } };
      }
    };

    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await runItem(items[index], index);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
    if (limits) {
      // A refused item's Retry-After is not for the batch, which itself succeeded.
      const { 'Retry-After': _item, ...headers } = rateLimitHeaders(limits);
      ctx.set(headers);
    }
    const succeeded = results.filter((r) => r.success).length;
    const body: BatchResponse = {
      success: true,
      results,
      summary: { total: items.length, succeeded, failed: items.length - succeeded },
    };
    ctx.body = body;
  });
}
