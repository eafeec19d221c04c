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
 * Bitmap canvases of finished renders, by size, kept for the next render of that size.
 * A new canvas's first paint costs the kernel a page fault for every 4 KB of its pixels
 * (about 10 ms of CPU for 1200×630 on a busy machine, more than the paint itself); a kept
 * one is cleared in a fraction of a millisecond. At most `KEPT_SIZES` sizes of at most
 * `MAX_KEPT_PIXELS` each, one canvas a size, the least recently used dropped first.
 */
const kept = new Map<string, Canvas>();
const KEPT_SIZES = 2;
const MAX_KEPT_PIXELS = 4_000_000;

function takeCanvas(width: number, height: number): Canvas {
  const key = `${width}×${height}`;
  const canvas = kept.get(key);
  if (!canvas) return createCanvas(width, height);
  kept.delete(key);
  // Back to a new canvas's state: transparent pixels, default styles, no transform or clip.
  canvas.getContext('2d').reset();
  return canvas;
}

function keepCanvas(canvas: Canvas): void {
  const { width, height } = canvas;
  if (width * height > MAX_KEPT_PIXELS) return;
  const key = `${width}×${height}`;
  kept.delete(key);
  kept.set(key, canvas);
  for (const oldest of kept.keys()) {
    if (kept.size <= KEPT_SIZES) break;
    kept.delete(oldest);
  }
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
