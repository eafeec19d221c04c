// The render child process. Runs the engine's node backend on a job whose images were
// already fetched and checked by the parent: the only sources the decoder ever sees are
// those bytes or data: URLs; a user string never reaches a loader that could read a file.
import * as engine from '@layercast/engine/node';
import type { ImageProbe } from '@layercast/engine/node';
import { loadTemplate, type TemplateDocument } from '@layercast/shared';
import workerpool from 'workerpool';
import { CODE_CACHE_PRODUCE_ARG, type ChildJob, FONT_CACHE_ARG, type MissingDocument, type RenderOutput } from './job';
import { WARM_UP_DOCUMENT, WARM_UP_OVERRIDES } from './warm-up';

// data: URLs are decoded by the engine's loader; remote URLs were fetched by the parent.
// One loader per child, so its cache of decoded data: URL images (templates embed their
// assets that way) serves every job this child renders.
const fallback = engine.createImageLoader({
  fetchBytes: async () => {
    throw new engine.ImageLoadError('the image was not fetched');
  },
});

/**
 * Documents this child was sent, by key (see RenderJob.documentKey), least recently used
 * first. A template is at most 1 MB of JSON: 32 of them stay well inside the heap ceiling.
 */
const documents = new Map<string, TemplateDocument>();
const KEPT_DOCUMENTS = 32;

function documentOf(job: ChildJob): TemplateDocument | undefined {
  const document = job.document ?? documents.get(job.documentKey);
  if (!document) return undefined;
  documents.delete(job.documentKey);
  documents.set(job.documentKey, document);
  const oldest = documents.keys().next().value;
  if (documents.size > KEPT_DOCUMENTS && oldest !== undefined) documents.delete(oldest);
  return document;
}

async function render(job: ChildJob): Promise<RenderOutput | MissingDocument> {
  const document = documentOf(job);
  if (!document) return { missingDocument: true };
  const images = new Map(Object.entries(job.images));
  const errors = new Map(Object.entries(job.imageErrors));
  // With `probe`, the engine checks the render's pixel budget from the headers before it
  // decodes anything (the parent applied the same budget to what it sends).
  const probe: ImageProbe = async (src) => {
    const bytes = images.get(src);
    if (bytes) return engine.probeImageBytes(bytes);
    const reason = errors.get(src);
    if (reason !== undefined) throw new engine.ImageLoadError(reason);
    return fallback.probe(src);
  };
  const loadImage = Object.assign(async (src: string) => (await probe(src)).decode(), { probe });
  const result = await engine.renderTemplate(
    document,
    { layers: job.layers, variables: job.variables },
    { format: job.format, quality: job.quality, scale: job.scale, loadImage, fonts: job.fonts },
  );
  return {
    data: new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength),
    mime: result.mime,
    width: result.width,
    height: result.height,
    diagnostics: result.diagnostics,
  };
}

/** Renders a job to have its document held and its images and glyphs ready; the output is dropped. */
async function prepare(job: ChildJob): Promise<void> {
  await render(job);
}

/** Test hooks: prove that a crash or a hang fails only its own request. */
function crash(): never {
  process.exit(70);
}
function ping(): true {
  return true;
}
function hang(): Promise<never> {
  return new Promise(() => {
    setInterval(() => {}, 1000);
  });
}

/** Tells the parent the job has begun, which starts its deadline. */
function started<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    workerpool.workerEmit('started');
    return fn(...args);
  };
}

// The child tells the pool it is ready (workerpool.worker) only after loading the engine,
// registering the fonts and one warm-up render (warm-up.ts), so none of that runs under
// a job's deadline. The build runs it once alone to record its code cache (child-loader.ts).
async function start(): Promise<void> {
  const fontCacheDir = process.argv.find((arg) => arg.startsWith(FONT_CACHE_ARG))?.slice(FONT_CACHE_ARG.length);
  engine.registerFonts(fontCacheDir ? { cacheDir: fontCacheDir } : {});
  try {
    await engine.renderTemplate(loadTemplate(WARM_UP_DOCUMENT), { layers: WARM_UP_OVERRIDES }, { format: 'png' });
  } catch {
    // A failed warm-up only means the first real job pays the start-up cost.
  }
  if (process.argv.includes(CODE_CACHE_PRODUCE_ARG)) return;
  workerpool.worker({
    render: started(render),
    prepare: started(prepare),
    crash: started(crash),
    hang: started(hang),
    ping: started(ping),
  });
}

/** Settles once the child has warmed up (and, under a pool, said it is ready). */
export const ready: Promise<void> = start();
