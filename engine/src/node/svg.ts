// SVG images on the server: resvg (@resvg/resvg-js), the rasteriser the browser runs too
// (@resvg/resvg-wasm, same version), so an SVG logo has the same pixels in both.
// Nothing outside the bytes is ever read: `svgProblem` refuses every reference that is not
// a data: URL or a fragment before resvg sees the text (resvg-js itself would read an
// `<image>`'s absolute path from the disk), no resources directory is given, images to
// resolve are never resolved, and no system font is loaded, so text in an SVG is not drawn.
import { ImageData, createCanvas } from '@napi-rs/canvas';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { type RasterImage, type VectorImage, svgProblem, svgSizeProblem, svgTreeWeight, unpremultiply } from '../svg';
import { MAX_SVG_BYTES, MAX_SVG_TREE_NODES } from '../svg';

/** A reason safe to show, as ImageLoadError carries; thrown as that by the image loader. */
export class SvgError extends Error {
  override name = 'SvgError';
}

const OPTIONS: ResvgRenderOptions = { font: { loadSystemFonts: false }, logLevel: 'off' };

/** Checks the text, parses it once for its size and weight; rasterises on demand. */
export function parseSvg(bytes: Uint8Array): VectorImage {
  if (bytes.length > MAX_SVG_BYTES) throw new SvgError(`the SVG is larger than ${MAX_SVG_BYTES / 1e6} MB`);
  const text = new TextDecoder().decode(bytes);
  const problem = svgProblem(text);
  if (problem) throw new SvgError(problem);
  let parsed: Resvg;
  try {
    parsed = new Resvg(text, OPTIONS);
  } catch (error) {
    throw new SvgError(`could not read the SVG${resvgReason(error)}`);
  }
  const { width, height } = parsed;
  const sizeProblem = svgSizeProblem(width, height);
  if (sizeProblem) throw new SvgError(sizeProblem);
  const { nodes, weight } = svgTreeWeight(parsed.toString());
  if (nodes > MAX_SVG_TREE_NODES)
    throw new SvgError(`the SVG has more than ${MAX_SVG_TREE_NODES} elements once its <use> references are expanded`);
  return {
    kind: 'vector',
    width,
    height,
    weight,
    rasterize: (rasterWidth) => rasterizeSvg(text, rasterWidth),
  };
}

function rasterizeSvg(text: string, width: number): RasterImage {
  const rendered = new Resvg(text, { ...OPTIONS, fitTo: { mode: 'width', value: width } }).render();
  const pixels = new Uint8ClampedArray(rendered.pixels.buffer, rendered.pixels.byteOffset, rendered.pixels.byteLength);
  unpremultiply(pixels);
  const canvas = createCanvas(rendered.width, rendered.height);
  canvas.getContext('2d').putImageData(new ImageData(pixels, rendered.width, rendered.height), 0, 0);
  return { image: canvas, width: rendered.width, height: rendered.height };
}

/** resvg's parser messages name a position, never a path: worth showing. */
function resvgReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = /cause (.+)$/.exec(message)?.[1];
  return cause ? `: ${cause.slice(0, 120)}` : '';
}
