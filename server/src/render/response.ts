// The JSON body of a successful generate (seed 001's `{success, imageUrl, cached}` plus
// what a caller needs to use the image without fetching it).
import type { Context } from 'koa';
import type { AppDeps } from '../deps';
import type { RenderOutcome } from './render.service';
import type { StoredRender } from './render.repository';

/**
 * `LAYERCAST_PUBLIC_URL` when set, else the origin the client used (Koa 3's `ctx.origin`
 * is the Origin request header, not this).
 */
export function baseUrlOf(deps: AppDeps, ctx: Context): string {
  return deps.config.publicUrl ?? `${ctx.protocol}://${ctx.host}`;
}

export function imageUrlOf(deps: AppDeps, ctx: Context, render: StoredRender): string {
  return `${baseUrlOf(deps, ctx)}/api/images/${render.id}.${render.ext}`;
}

export function generateResponse(deps: AppDeps, ctx: Context, outcome: RenderOutcome) {
  const { render } = outcome;
  return {
    success: true as const,
    id: render.id,
    imageUrl: imageUrlOf(deps, ctx, render),
    cached: outcome.cached,
    format: render.format,
    width: render.width,
    height: render.height,
    generationMs: outcome.generationMs,
    diagnostics: outcome.diagnostics,
  };
}
