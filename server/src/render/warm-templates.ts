// A template's first render on a node costs more than its later ones: the server parses its
// document, and each render child is sent the document, decodes its `data:` URL images and
// draws its text's glyphs for the first time (~25 ms more on the benchmark card). A node
// starting up pays that before it listens for the templates rendered last, and a node that
// saves a template pays it right after the save, so neither cost lands on a request.
import { setTimeout } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { findTemplateById } from '../templates/templates.repository';
import type { TemplateDocuments } from '../templates/template-documents';
import { readDataUrlHeaders } from './gather-images';
import type { RenderJob } from './job';
import type { RenderPool } from './pool';
import { recentlyRenderedTemplates } from './render.repository';
import { imageSourcesOf, prepareRender } from './render.service';

export interface WarmTemplatesDeps {
  db: Kysely<Database>;
  documents: TemplateDocuments;
  renderPool: RenderPool;
}

/** How many of the templates rendered last a starting node prepares. */
export const WARM_TEMPLATES_AT_START = 3;

/**
 * Reads the template into the parsed-document cache, reads its `data:` URL images' headers
 * as a request's gathering does (kept by URL), and has every idle render child render it once
 * as it is saved (no overrides, its base size, PNG). Images other than `data:` URLs are not
 * fetched for this: the child draws without them. Nothing is stored or charged. With
 * `childrenAfterMs`, the children are asked only after that pause, and only if the pool is
 * still idle then: a render asked for right after a save (a CI job pushing a template and
 * diffing it) must not wait behind its own warm-up.
 */
export async function warmTemplate(
  deps: WarmTemplatesDeps,
  templateId: string,
  options: { childrenAfterMs?: number } = {},
): Promise<void> {
  const template = await findTemplateById(deps.db, templateId, deps.documents);
  if (!template) return;
  const params = { templateId: template.id, layers: {}, variables: {}, format: 'png' as const, scale: 1, force: false };
  const prepared = prepareRender(template, params, 'render');
  await readDataUrlHeaders(imageSourcesOf(prepared));
  if (options.childrenAfterMs) await setTimeout(options.childrenAfterMs, undefined, { ref: false });
  const job: RenderJob = {
    document: prepared.document,
    documentKey: prepared.documentKey,
    layers: prepared.layers,
    variables: prepared.variables,
    format: 'png',
    scale: prepared.scale,
    images: {},
    imageErrors: {},
    fonts: [],
  };
  await deps.renderPool.prepare(job);
}

/** Warms the templates rendered last (WARM_TEMPLATES_AT_START), one after another. */
export async function warmRecentTemplates(deps: WarmTemplatesDeps, count = WARM_TEMPLATES_AT_START): Promise<void> {
  for (const id of await recentlyRenderedTemplates(deps.db, count)) {
    await warmTemplate(deps, id);
  }
}
