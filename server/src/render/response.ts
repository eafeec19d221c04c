// The JSON body of a successful generate (seed 001's `{success, imageUrl, cached}` plus
// what a caller needs to use the image without fetching it).
import type { GenerateResponse } from '@layercast/shared';
import type { Config } from '../config';
import type { RenderOutcome } from './render.service';
import type { StoredRender } from './render.repository';

/** `LAYERCAST_PUBLIC_URL` when set, else the origin the client used. */
export function baseUrlOf(config: Pick<Config, 'publicUrl'>, requestOrigin: string): string {
  return config.publicUrl ?? requestOrigin;
}

export function imageUrlOf(baseUrl: string, render: StoredRender): string {
  return `${baseUrl}/api/images/${render.id}.${render.ext}`;
}

export function generateResponse(
  baseUrl: string,
  outcome: RenderOutcome,
  usage?: GenerateResponse['usage'],
): GenerateResponse {
  const { render } = outcome;
  return {
    success: true,
    id: render.id,
    imageUrl: imageUrlOf(baseUrl, render),
    cached: outcome.cached,
    format: render.format,
    width: render.width,
    height: render.height,
    generationMs: outcome.cached ? null : outcome.generationMs,
    generatedAt: render.created_at,
    mimeType: render.mime,
    fileName: `${render.id}.${render.ext}`,
    diagnostics: outcome.diagnostics,
    ...(usage ? { usage } : {}),
  };
}
