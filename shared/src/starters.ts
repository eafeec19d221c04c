// The starter templates the editor's gallery offers and the golden tests render. The JSON
// files in shared/starters/ are the source; this module only lists them with their documents.
import blogPost from '../starters/blog-post.json' with { type: 'json' };
import changelog from '../starters/changelog.json' with { type: 'json' };
import cjkConference from '../starters/cjk-conference.json' with { type: 'json' };
import docsPage from '../starters/docs-page.json' with { type: 'json' };
import event from '../starters/event.json' with { type: 'json' };
import index from '../starters/index.json' with { type: 'json' };
import jobOpening from '../starters/job-opening.json' with { type: 'json' };
import linkPreview from '../starters/link-preview.json' with { type: 'json' };
import podcastEpisode from '../starters/podcast-episode.json' with { type: 'json' };
import productLaunch from '../starters/product-launch.json' with { type: 'json' };
import squareSocial from '../starters/square-social.json' with { type: 'json' };
import testimonial from '../starters/testimonial.json' with { type: 'json' };
import type { TemplateDocument } from './schema';
import { loadTemplate } from './template';

export interface StarterInfo {
  /** File name in shared/starters/, also the starter's stable key. */
  file: string;
  name: string;
  description: string;
  width: number;
  height: number;
}

export interface Starter extends StarterInfo {
  /** The document as written (JSON); `parseTemplate` or `loadStarter` gives the typed form. */
  document: unknown;
}

const DOCUMENTS: Record<string, unknown> = {
  'blog-post.json': blogPost,
  'product-launch.json': productLaunch,
  'event.json': event,
  'testimonial.json': testimonial,
  'changelog.json': changelog,
  'podcast-episode.json': podcastEpisode,
  'job-opening.json': jobOpening,
  'docs-page.json': docsPage,
  'square-social.json': squareSocial,
  'cjk-conference.json': cjkConference,
  'link-preview.json': linkPreview,
};

/** In gallery order (the order of index.json). */
export const STARTERS: readonly Starter[] = (index as StarterInfo[]).map((info) => ({
  ...info,
  document: DOCUMENTS[info.file],
}));

/** A starter's parsed document, defaults filled in; throws for an unknown file name. */
export function loadStarter(file: string): TemplateDocument {
  const starter = STARTERS.find((s) => s.file === file);
  if (!starter) throw new Error(`no starter named ${file}`);
  return loadTemplate(structuredClone(starter.document));
}
