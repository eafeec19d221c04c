// The render child process. Runs the engine's node backend on a job whose images were
// already fetched and checked by the parent: the only sources the decoder ever sees are
// those bytes or data: URLs; a user string never reaches a loader that could read a file.
import workerpool from 'workerpool';
import type { RenderJob, RenderOutput } from './job';

// Loaded once per child, before the first job arrives (fonts register at import).
const enginePromise = import('@layercast/engine/node');
enginePromise.catch(() => {}); // awaited per job; this only keeps a failed load from killing the child

async function render(job: RenderJob): Promise<RenderOutput> {
  const engine = await enginePromise;
  const images = new Map(Object.entries(job.images));
  const errors = new Map(Object.entries(job.imageErrors));
  // data: URLs are decoded by the engine's loader; remote URLs were fetched by the parent.
  const fallback = engine.createImageLoader({
    fetchBytes: async () => {
      throw new engine.ImageLoadError('the image was not fetched');
    },
  });
  const loadImage = async (src: string) => {
    const bytes = images.get(src);
    if (bytes) return engine.decodeImageBytes(bytes);
    const reason = errors.get(src);
    if (reason !== undefined) throw new engine.ImageLoadError(reason);
    return fallback(src);
  };
  const result = await engine.renderTemplate(
    job.document,
    { layers: job.layers, variables: job.variables },
    { format: job.format, quality: job.quality, scale: job.scale, loadImage },
  );
  return {
    data: new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength),
    mime: result.mime,
    width: result.width,
    height: result.height,
    diagnostics: result.diagnostics,
  };
}

/** Test hooks: prove that a crash or a hang fails only its own request. */
function crash(): never {
  process.exit(70);
}
function hang(): Promise<never> {
  return new Promise(() => {
    setInterval(() => {}, 1000);
  });
}

workerpool.worker({ render, crash, hang });
