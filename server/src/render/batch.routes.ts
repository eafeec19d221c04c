// POST /api/generate/batch: up to 20 renders in one request, each succeeding or failing
// on its own (its own validation, template lookup, quota unit and render).
import type Router from '@koa/router';
import { issuesFromZod } from '@layercast/shared';
import { authOf } from '../auth/auth.middleware';
import type { AppDeps } from '../deps';
import { ApiError, notFound, validationError } from '../errors';
import { parseJson } from '../http/body';
import { findOwnTemplate } from '../templates/templates.repository';
import { BatchBodySchema, BatchItemSchema, paramsFromBody } from './request';
import { generateResponse } from './response';
import { type RenderServices, produceRender } from './render.service';

/** Items rendered at once: enough to use the pool, few enough not to flood its queue. */
const CONCURRENCY = 4;

type ItemResult =
  | (ReturnType<typeof generateResponse> & { id: string })
  | { id: string; success: false; error: { code: string; message: string; details?: unknown } };

export function mountBatchRoute(router: Router, deps: AppDeps, services: RenderServices): void {
  router.post('/api/generate/batch', async (ctx) => {
    const auth = authOf(ctx);
    const { items } = parseJson(ctx, BatchBodySchema);
    const results: ItemResult[] = new Array(items.length);

    const runItem = async (raw: unknown, index: number): Promise<ItemResult> => {
      const fallbackId = String(index);
      const id =
        raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
          ? (raw as { id: string }).id
          : fallbackId;
      try {
        const parsed = BatchItemSchema.safeParse(raw);
        if (!parsed.success) throw validationError('invalid_request', issuesFromZod(parsed.error, `items[${index}]`));
        const params = paramsFromBody(parsed.data);
        const template = await findOwnTemplate(deps.db, auth.accountId, params.templateId);
        if (!template) throw notFound('template');
        const outcome = await produceRender(deps, services, ctx, template, params, {
          kind: 'account',
          accountId: auth.accountId,
        });
        return { ...generateResponse(deps, ctx, outcome), id };
      } catch (error) {
        if (!(error instanceof ApiError)) {
          ctx.state.log.error({ err: error, item: index }, 'batch item failed');
          return { id, success: false, error: { code: 'internal_error', message: 'internal error' } };
        }
        const { code, message, details } = error;
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
    // A 429 item leaves Retry-After behind; the batch itself succeeded.
    ctx.remove('Retry-After');
    const succeeded = results.filter((r) => r.success).length;
    ctx.body = {
      success: true,
      results,
      summary: { total: items.length, succeeded, failed: items.length - succeeded },
    };
  });
}
