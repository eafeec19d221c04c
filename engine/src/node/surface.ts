// Where a render is painted: a bitmap canvas for the raster formats, Skia's SVG canvas
// (text converted to paths, so the file needs none of our fonts) or a PDF page. All
// three give the same Canvas 2D context, so paint does not know which one it draws on.
import { PDFDocument, type SKRSContext2D, SvgExportFlag, createCanvas } from '@napi-rs/canvas';
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
      const canvas = createCanvas(width, height);
      const ctx = canvas.getContext('2d');
      return {
        ctx,
        // Reading one pixel plays back every recorded draw call.
        flush: () => void ctx.getImageData(0, 0, 1, 1),
        finish: () => encodeCanvas(canvas, format, options),
      };
    }
  }
}
