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
