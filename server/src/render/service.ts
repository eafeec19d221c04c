// One render, whoever asked: validate against the template, answer from the cache when
// the same request was rendered before, otherwise charge the payer, gather images, run
// the job in a child and store the result. Every route (generate, batch, GET render) is
// a thin shell around `produceRender`.
import { collectImageSources, type Diagnostics, resolveDocument } from '@layercast/engine';
import { DEFAULT_QUALITY, MAX_OUTPUT_PIXELS } from '@layercast/engine/node';
import { type Overrides, type VariableValues, parseOverrides, parseVariables } from '@layercast/shared';
import type { Context } from 'koa';
import type { AppDeps } from '../deps';
import { ApiError, validationError } from '../errors';
import type { FetchLease, ImageFetcher } from '../fetch/guarded-fetch';
import { ImageSourceError } from '../fetch/image-bytes';
import { chargeAccount, chargePublic, type Charge } from '../quota/limits';
import type { Template } from '../templates/repository';
import { renderCacheKey } from './cache-key';
import { gatherImages } from './images';
import { FORMAT_FILES, type RenderJob } from './job';
import {
  type RenderPool,
  RenderCrashedError,
  RenderOverloadedError,
  type RenderSlot,
  RenderTimeoutError,
} from './pool';
import type { RenderParams } from './request';
import { noteRenderServed } from './retention';
import type { RenderOrigin } from './tables';
import { type NewRender, type StoredRender, findCachedRender, hasImageFile, restoreRender, storeRender } from './store';

export interface RenderServices {
  pool: RenderPool;
  fetcher: ImageFetcher;
  /** Renders under way, by cache key, for identical requests to wait on. */
  inflight: Map<string, Promise<RenderOutcome>>;
}

/**
 * Who pays: an account (quota and rate), the public (per-IP rate only), or nobody — the
 * owner's own thumbnails, rendered small and once per saved version.
 */
export type Payer = { kind: 'account'; accountId: string } | { kind: 'public' } | { kind: 'preview' };

const FREE: Charge = { decisions: [], refund: async () => {} };

export interface RenderOutcome {
  render: StoredRender;
  cached: boolean;
  /** Time this request spent rendering; 0 for a cache hit. */
  generationMs: number;
  diagnostics: Diagnostics;
}

const RETRY_AFTER_SECONDS = 2;

function overloaded(ctx: Context, message: string, code = 'overloaded'): ApiError {
  ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
  return new ApiError(503, code, message, { retryAfterSeconds: RETRY_AFTER_SECONDS });
}

/** The origins under which this server's own asset URLs may appear in a template. */
export function ownOrigins(deps: AppDeps, ctx: Context): string[] {
  return [deps.config.publicUrl, `${ctx.protocol}://${ctx.host}`].filter((o): o is string => Boolean(o));
}

/** Validates a request against its template and works out its cache key; throws 422s. */
export function prepareRender(template: Template, params: RenderParams, origin: RenderOrigin): Prepared {
  const doc = template.document;
  const layers = parseOverrides(doc, params.layers);
  if (!layers.ok) throw validationError('invalid_overrides', layers.errors);
  const variables = parseVariables(doc, params.variables);
  if (!variables.ok) throw validationError('invalid_request', variables.errors);
  const scale = params.scale ?? 1;
  const width = Math.round(doc.canvas.width * scale);
  const height = Math.round(doc.canvas.height * scale);
  if (width * height > MAX_OUTPUT_PIXELS) {
    throw validationError('invalid_request', [
      {
        path: 'scale',
        message: `the output would be ${width}×${height} pixels; at most ${MAX_OUTPUT_PIXELS / 1e6} megapixels`,
      },
    ]);
  }
  const quality =
    params.format in DEFAULT_QUALITY
      ? (params.quality ?? DEFAULT_QUALITY[params.format as keyof typeof DEFAULT_QUALITY])
      : null;
  const cacheKey = renderCacheKey({
    templateId: template.id,
    version: template.version,
    layers: layers.value,
    variables: variables.value,
    format: params.format,
    quality,
    scale,
  });
  return { layers: layers.value, variables: variables.value, quality, scale, cacheKey, origin };
}

/**
 * The stored render for a prepared request: a `hit` when its file is on disk; `lost` when
 * the row is there but its file is not (retention or a person deleted it), which is a miss
 * that renders into that row again. Renders and charges nothing.
 */
async function lookUpRender(deps: AppDeps, prepared: Prepared): Promise<{ hit?: RenderOutcome; lost?: StoredRender }> {
  const row = await findCachedRender(deps.db, prepared.cacheKey);
  if (!row) return {};
  if (!(await hasImageFile(deps.dataDir, row))) return { lost: row };
  return {
    hit: { render: row, cached: true, generationMs: 0, diagnostics: JSON.parse(row.diagnostics) as Diagnostics },
  };
}

/** The stored render for a prepared request, if its bytes are there; renders and charges nothing. */
export async function findReusableRender(deps: AppDeps, prepared: Prepared): Promise<RenderOutcome | undefined> {
  return (await lookUpRender(deps, prepared)).hit;
}

export async function produceRender(
  deps: AppDeps,
  services: RenderServices,
  ctx: Context,
  template: Template,
  params: RenderParams,
  payer: Payer,
  origin: RenderOrigin = 'generate',
): Promise<RenderOutcome> {
  const prepared = prepareRender(template, params, origin);
  const { cacheKey } = prepared;

  let lost: StoredRender | undefined;
  if (!params.force) {
    const found = await lookUpRender(deps, prepared);
    if (found.hit) {
      await noteRenderServed(deps.db, found.hit.render, origin);
      return found.hit;
    }
    lost = found.lost;
    // Identical requests already being rendered (a crawler burst on one og:image URL) wait
    // for that render instead of starting their own; for them it is a cache hit.
    const running = services.inflight.get(cacheKey);
    if (running) {
      const shared = await running.catch(() => undefined);
      if (shared?.render.cache_key) {
        await noteRenderServed(deps.db, shared.render, origin);
        return { ...shared, cached: true, generationMs: 0 };
      }
    }
  }

  const fresh = renderFresh(deps, services, ctx, template, params, payer, { ...prepared, lost });
  services.inflight.set(cacheKey, fresh);
  try {
    return await fresh;
  } finally {
    if (services.inflight.get(cacheKey) === fresh) services.inflight.delete(cacheKey);
  }
}

/** A validated request: what it renders, its cache key, and where it came from. */
export interface Prepared {
  layers: Overrides;
  variables: VariableValues;
  quality: number | null;
  scale: number;
  cacheKey: string;
  origin: RenderOrigin;
  /** A stored row for this request whose file is gone: the render is stored under its id. */
  lost?: StoredRender;
}

async function renderFresh(
  deps: AppDeps,
  services: RenderServices,
  ctx: Context,
  template: Template,
  params: RenderParams,
  payer: Payer,
  prepared: Prepared,
): Promise<RenderOutcome> {
  const doc = template.document;
  // The request takes its place in the pool before it fetches anything, and load is shed
  // before charging: a refused request costs the caller nothing.
  let slot: RenderSlot;
  try {
    slot = services.pool.reserve();
  } catch (error) {
    if (error instanceof RenderOverloadedError) throw overloaded(ctx, 'the server is busy rendering; retry shortly');
    throw error;
  }
  const lease = services.fetcher.lease();
  try {
    const charge: Charge =
      payer.kind === 'account'
        ? await chargeAccount(deps, ctx, payer.accountId)
        : payer.kind === 'public'
          ? await chargePublic(deps, ctx)
          : FREE;
    return await renderCharged(deps, services, ctx, template, params, charge, { ...prepared, doc, slot, lease });
  } finally {
    lease.release();
    slot.release();
  }
}

interface Charged extends Prepared {
  doc: Template['document'];
  slot: RenderSlot;
  lease: FetchLease;
}

async function renderCharged(
  deps: AppDeps,
  services: RenderServices,
  ctx: Context,
  template: Template,
  params: RenderParams,
  charge: Charge,
  { doc, layers, variables, quality, scale, cacheKey, origin, lost, slot, lease }: Charged,
): Promise<RenderOutcome> {
  const started = performance.now();
  try {
    const input = { layers, variables };
    const sources = collectImageSources(resolveDocument(doc, input));
    const { images, imageErrors, transientFailure } = await gatherImages(sources, {
      fetcher: services.fetcher,
      lease,
      dataDir: deps.dataDir,
      origins: ownOrigins(deps, ctx),
    });
    const job: RenderJob = {
      document: doc,
      ...input,
      format: params.format,
      ...(quality !== null ? { quality } : {}),
      scale,
      images,
      imageErrors,
    };
    const output = await services.pool.render(job, slot);
    const generationMs = Math.round(performance.now() - started);
    const file = FORMAT_FILES[params.format];
    const fields: NewRender = {
      account_id: template.accountId,
      template_id: template.id,
      template_version: template.version,
      // An image lost to a passing network fault must not stick: such a render is not reused.
      cache_key: transientFailure ? null : cacheKey,
      format: params.format,
      mime: file.mime,
      ext: file.ext,
      width: output.width,
      height: output.height,
      generation_ms: generationMs,
      diagnostics: JSON.stringify(output.diagnostics),
      origin,
    };
    const render = lost
      ? await restoreRender(deps.db, deps.dataDir, lost, fields, output.data)
      : await storeRender(deps.db, deps.dataDir, fields, output.data, { replaceCached: params.force });
    return { render, cached: false, generationMs, diagnostics: output.diagnostics };
  } catch (error) {
    await charge.refund().catch((e: unknown) => ctx.state.log.warn({ err: e }, 'could not refund a failed render'));
    if (error instanceof RenderOverloadedError) throw overloaded(ctx, 'the server is busy rendering; retry shortly');
    if (error instanceof ImageSourceError && error.problem === 'busy') {
      throw overloaded(ctx, 'the server is busy fetching images; retry shortly');
    }
    if (error instanceof RenderTimeoutError) throw overloaded(ctx, error.message, 'render_timeout');
    if (error instanceof RenderCrashedError) {
      ctx.state.log.error({ templateId: template.id }, 'render child crashed');
      throw new ApiError(500, 'render_failed', 'the renderer failed on this request; other requests are unaffected');
    }
    throw error;
  }
}
