// What a render request says, from a JSON body (POST /api/generate, batch items) or a
// query string (GET /api/render), as one shape. The body schemas are the API's
// (shared/src/api/render.ts); overrides and variables are checked later against the
// template, which knows its layers.
import type { GenerateBody, RenderFont } from '@layercast/shared';

/** The normalized request every render path hands the service. */
export interface RenderParams {
  templateId: string;
  layers: unknown;
  variables: unknown;
  format: GenerateBody['format'];
  quality?: number;
  scale?: number;
  /** A saved version to render instead of the current one. */
  version?: number;
  /** A size variant, or a platform name that picks one; the base design when absent. */
  variant?: string;
  /** A web page whose metadata fills the page.* variables. */
  url?: string;
  /** Fonts for this render only, by URL. */
  fonts?: RenderFont[];
  force: boolean;
}

export function paramsFromBody(body: GenerateBody): RenderParams {
  return {
    templateId: body.templateId,
    layers: body.layers,
    variables: body.variables,
    format: body.format,
    quality: body.quality,
    scale: body.scale,
    version: body.version,
    ...(body.variant !== undefined ? { variant: body.variant } : {}),
    ...(body.fonts?.length ? { fonts: body.fonts } : {}),
    ...(body.url ? { url: body.url } : {}),
    force: body.force ?? false,
  };
}
