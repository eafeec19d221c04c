// Where a render is painted: a bitmap canvas for the raster formats, Skia's SVG canvas
// (text converted to paths, so the file needs none of our fonts) or a PDF page. All
// three give the same Canvas 2D context, so paint does not know which one it draws on.
import { type Canvas, PDFDocument, type SKRSContext2D, SvgExportFlag, createCanvas } from '@napi-rs/canvas';
import { type EncodeOptions, type OutputFormat, encodeCanvas } from './encode';

export interface RenderSurface {
  ctx: SKRSContext2D;
  /**
   * Rasterizes what was drawn. Skia records draw calls and plays them back on the first
   * read, so without this the drawing time would be counted as encoding time.
   */
  flush(): void;
  /** Encodes what was painted; call once. */
  finish(): Promise<Buffer>;
}

/**
 * Bitmap canvases of finished renders (their output and scratch surfaces), kept for the
 * next render that needs one of that size. A new canvas's first paint costs the kernel a
 * page fault for every 4 KB of its pixels (about 10 ms of CPU for 1200×630 on a busy
 * machine, more than the paint itself); a kept one is cleared in a fraction of a
 * millisecond. At most `MAX_KEPT` canvases of at most `MAX_KEPT_PIXELS` each and
 * `MAX_KEPT_TOTAL_PIXELS` together, the least recently kept dropped first.
 */
const kept: Canvas[] = [];
const MAX_KEPT = 4;
const MAX_KEPT_PIXELS = 4_000_000;
const MAX_KEPT_TOTAL_PIXELS = 8_000_000;

/** A canvas in a new canvas's state: transparent pixels, default styles, no transform or clip. */
export function takeCanvas(width: number, height: number): Canvas {
  const at = kept.findLastIndex((c) => c.width === width && c.height === height);
  if (at < 0) return createCanvas(width, height);
  const [canvas] = kept.splice(at, 1) as [Canvas];
  canvas.getContext('2d').reset();
  return canvas;
}

/** Gives back a canvas from `takeCanvas` once nothing reads or draws on it any more. */
export function keepCanvas(canvas: Canvas): void {
  const pixels = (c: Canvas) => c.width * c.height;
  if (pixels(canvas) > MAX_KEPT_PIXELS || kept.includes(canvas)) return;
  kept.push(canvas);
  while (kept.length > MAX_KEPT || kept.reduce((sum, c) => sum + pixels(c), 0) > MAX_KEPT_TOTAL_PIXELS) kept.shift();
}

/** A `width`×`height` pixel surface (already multiplied by the scale). */
export function createSurface(
  format: OutputFormat,
  width: number,
  height: number,
  options: EncodeOptions = {},
): RenderSurface {
  switch (format) {
    case 'svg': {
      const canvas = createCanvas(width, height, SvgExportFlag.ConvertTextToPaths);
      return { ctx: canvas.getContext('2d'), flush: () => {}, finish: async () => canvas.getContent() };
    }
    case 'pdf': {
      // One page the size of the card; 1 CSS pixel = 1 PDF point, as browsers print.
      const pdf = new PDFDocument({ producer: 'Layercast', creator: 'Layercast' });
      const ctx = pdf.beginPage(width, height);
      return {
        ctx: ctx as unknown as SKRSContext2D,
        flush: () => {},
        finish: async () => {
          pdf.endPage();
          return pdf.close();
        },
      };
    }
    default: {
      const canvas = takeCanvas(width, height);
      const ctx = canvas.getContext('2d');
      return {
        ctx,
        // Reading one pixel plays back every recorded draw call.
        flush: () => void ctx.getImageData(0, 0, 1, 1),
        finish: async () => {
          const data = await encodeCanvas(canvas, format, options);
          // Only once encoded: the encoders read the canvas.
          keepCanvas(canvas);
          return data;
        },
      };
    }
  }
}
