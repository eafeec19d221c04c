// SVG images in the browser: resvg compiled to WebAssembly (@resvg/resvg-wasm), the same
// version and the same options as the server's @resvg/resvg-js, so an SVG logo has the same
// pixels in the editor as in a render (the browser's own SVG renderer would not). The wasm
// file is the platform's to provide: `configureBrowserSvg` takes its URL (the editor
// imports it with Vite's `?url`).
import { Resvg, initWasm } from '@resvg/resvg-wasm';
import {
  MAX_SVG_BYTES,
  MAX_SVG_TREE_NODES,
  type RasterImage,
  type VectorImage,
  svgProblem,
  svgSizeProblem,
  svgTreeWeight,
  unpremultiply,
} from '../svg';

type WasmSource = Parameters<typeof initWasm>[0];

let source: WasmSource | undefined;
let ready: Promise<void> | undefined;

/** Where the rasteriser's wasm file is; once, before any SVG is loaded. */
export function configureBrowserSvg(wasm: WasmSource): void {
  source = wasm;
}

function whenReady(): Promise<void> {
  if (!source) return Promise.reject(new Error('SVG images cannot be drawn here (no SVG rasteriser configured)'));
  ready ??= initWasm(source);
  return ready;
}

// No system fonts (there are none in wasm) and no font buffers: text in an SVG is not
// drawn, exactly as on the server.
const OPTIONS = { font: { fontBuffers: [] } };

/** Rasters kept per image: the sizes the views draw it at (canvas, thumbnail, a zoom). */
const KEPT_RASTERS = 3;

/** Checks and parses SVG bytes as the server does; rasterises on demand, synchronously. */
export async function parseBrowserSvg(bytes: Uint8Array): Promise<VectorImage> {
  if (bytes.length > MAX_SVG_BYTES) throw new Error(`the SVG is larger than ${MAX_SVG_BYTES / 1e6} MB`);
  const text = new TextDecoder().decode(bytes);
  const problem = svgProblem(text);
  if (problem) throw new Error(problem);
  await whenReady();
  let width: number;
  let height: number;
  let tree: string;
  try {
    const parsed = new Resvg(text, OPTIONS);
    width = parsed.width;
    height = parsed.height;
    tree = parsed.toString();
    parsed.free();
  } catch (error) {
    const cause = /cause (.+)$/.exec(error instanceof Error ? error.message : String(error))?.[1];
    throw new Error(`could not read the SVG${cause ? `: ${cause.slice(0, 120)}` : ''}`);
  }
  const sizeProblem = svgSizeProblem(width, height);
  if (sizeProblem) throw new Error(sizeProblem);
  const { nodes, weight } = svgTreeWeight(tree);
  if (nodes > MAX_SVG_TREE_NODES)
    throw new Error(`the SVG has more than ${MAX_SVG_TREE_NODES} elements once its <use> references are expanded`);
  const rasters = new Map<number, RasterImage>();
  return {
    kind: 'vector',
    width,
    height,
    weight,
    rasterize(rasterWidth) {
      const kept = rasters.get(rasterWidth);
      if (kept) return kept;
      const raster = rasterizeSvg(text, rasterWidth);
      rasters.set(rasterWidth, raster);
      for (const old of rasters.keys()) {
        if (rasters.size <= KEPT_RASTERS) break;
        rasters.delete(old);
      }
      return raster;
    },
  };
}

function rasterizeSvg(text: string, width: number): RasterImage {
  const resvg = new Resvg(text, { ...OPTIONS, fitTo: { mode: 'width', value: width } });
  try {
    const rendered = resvg.render();
    // `pixels` copies out of the wasm memory on every read: read it once.
    const pixels = new Uint8ClampedArray(rendered.pixels);
    const size = { width: rendered.width, height: rendered.height };
    rendered.free();
    unpremultiply(pixels);
    const canvas =
      typeof OffscreenCanvas === 'function'
        ? new OffscreenCanvas(size.width, size.height)
        : Object.assign(document.createElement('canvas'), size);
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
    if (!ctx) throw new Error('no 2D context for the SVG raster');
    ctx.putImageData(new ImageData(pixels, size.width, size.height), 0, 0);
    return { image: canvas, ...size };
  } finally {
    resvg.free();
  }
}
