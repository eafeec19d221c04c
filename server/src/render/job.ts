// What the parent sends a render child and gets back. Plain data: it crosses a process
// boundary (structured clone), so no functions, classes or Maps.
import type { Diagnostics } from '@layercast/engine';
import type { NodeCustomFontFace } from '@layercast/engine/node';
import type { Overrides, TemplateDocument, VariableValues } from '@layercast/shared';

import type { RenderFormat } from '@layercast/shared';

export const FORMAT_FILES: Record<RenderFormat, { ext: string; mime: string }> = {
  png: { ext: 'png', mime: 'image/png' },
  jpeg: { ext: 'jpg', mime: 'image/jpeg' },
  webp: { ext: 'webp', mime: 'image/webp' },
  avif: { ext: 'avif', mime: 'image/avif' },
  svg: { ext: 'svg', mime: 'image/svg+xml' },
  pdf: { ext: 'pdf', mime: 'application/pdf' },
};

/** The child argument that names its font cache directory (`--layercast-font-cache=<dir>`). */
export const FONT_CACHE_ARG = '--layercast-font-cache=';

/** Child arguments of the compiled child's loader (child-loader.ts), for the build. */
export const CODE_CACHE_PRODUCE_ARG = '--layercast-produce-code-cache';
export const CODE_CACHE_CHECK_ARG = '--layercast-check-code-cache';

/**
 * V8 flags of every render child. The build records the child's code cache under these
 * flags (V8 takes a cache only under the flags it was made with), from the defaults.
 */
export function childV8Flags(maxHeapMb: number): string[] {
  // A child whose heap passes the ceiling dies (500 for its request, a fresh child next).
  // Under a ceiling below 2 GB V8 grows the old space by small steps, so the few MB each
  // render leaves there set off a full mark-compact every few renders (~5 ms of CPU per
  // render on the benchmark card, a quarter of it); growing it 4× its live size between
  // collections keeps the ceiling and drops that cost (docs/render-api.md).
  return [`--max-old-space-size=${maxHeapMb}`, '--heap-growing-percent=300'];
}

export interface RenderJob {
  /**
   * Names the document: one key is always the same document (a template's saved version,
   * resolved to a size variant), so a child that was sent it once keeps it and later jobs
   * go without it.
   */
  documentKey: string;
  document: TemplateDocument;
  layers: Overrides;
  variables: VariableValues;
  format: RenderFormat;
  quality?: number;
  scale?: number;
  /** Checked bytes of every remote or uploaded image, by the source string in the document. */
  images: Record<string, Uint8Array>;
  /** Why each image that could not be had failed, by source string; safe to show. */
  imageErrors: Record<string, string>;
  /** The owner's fonts (and any named for this render), each read from a local file. */
  fonts: NodeCustomFontFace[];
}

/** A job as it reaches a child: without its document when the child likely holds it (pool.ts). */
export type ChildJob = Omit<RenderJob, 'document'> & { document?: TemplateDocument };

/** A child's answer to a job without its document when it does not hold that document. */
export interface MissingDocument {
  missingDocument: true;
}

export interface RenderOutput {
  data: Uint8Array;
  mime: string;
  width: number;
  height: number;
  diagnostics: Diagnostics;
}
