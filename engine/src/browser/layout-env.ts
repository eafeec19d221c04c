// The browser's LayoutEnv: measures with a real 2D context (OffscreenCanvas when there is
// one) using the same family names and fallback order as the node backend, so the same
// font files give the same advances on both sides.
import { DEFAULT_FAMILY, fontStack, hasFamily, registeredName, resolveFamily } from '../fonts-catalog';
import { type CoverageRanges, coverageLookup } from '../coverage';
import type { FontMetrics, LayoutEnv, MeasureContext } from '../types';

export interface BrowserLayoutEnvOptions {
  /** A canvas to measure with; an OffscreenCanvas (or a detached <canvas>) when omitted. */
  canvas?: HTMLCanvasElement | OffscreenCanvas;
  /**
   * Vertical metrics by family, as fractions of the font size, when the server sent them.
   * Otherwise they are measured from the loaded face (`fontBoundingBoxAscent`), which reads
   * the same hhea/OS/2 values the node backend reads.
   */
  metrics?: Readonly<Record<string, FontMetrics>>;
  /** Tells whether a family's faces have loaded; metrics are only cached once they have. */
  isLoaded?: (family: string) => boolean;
  /**
   * What the shipped fonts cover (the server's `GET /api/fonts` sends it): characters
   * outside it are laid out as U+FFFD, as the server does, instead of in a font of the
   * browser's own.
   */
  coverage?: CoverageRanges;
}

/** Used until a face has loaded (the editor lays out again when it does). */
const PROVISIONAL: FontMetrics = { ascent: 0.9, descent: 0.22 };
/** Measuring at a large size keeps rounding in the browser's metrics below 0.001 em. */
const METRIC_PX = 1000;

function createMeasureCanvas(): HTMLCanvasElement | OffscreenCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(1, 1);
  return document.createElement('canvas');
}

export function createBrowserLayoutEnv(options: BrowserLayoutEnvOptions = {}): LayoutEnv {
  const canvas = options.canvas ?? createMeasureCanvas();
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) throw new Error('this browser has no 2D canvas to measure text with');
  const measured = new Map<string, FontMetrics>();

  const metrics = (family: string): FontMetrics => {
    const name = resolveFamily(family);
    const given = options.metrics?.[name];
    if (given) return given;
    const cached = measured.get(name);
    if (cached) return cached;
    ctx.font = `400 ${METRIC_PX}px "${registeredName(name)}"`;
    const m = ctx.measureText('H');
    const value =
      Number.isFinite(m.fontBoundingBoxAscent) && m.fontBoundingBoxAscent > 0
        ? { ascent: m.fontBoundingBoxAscent / METRIC_PX, descent: m.fontBoundingBoxDescent / METRIC_PX }
        : PROVISIONAL;
    if (options.isLoaded?.(name) ?? true) measured.set(name, value);
    return value;
  };

  return {
    measure: ctx as MeasureContext,
    fontStack,
    metrics,
    hasFamily,
    ...(options.coverage ? { hasGlyph: coverageLookup(options.coverage) } : {}),
  };
}

export { DEFAULT_FAMILY };
