import {
  type Corner,
  type Fill,
  type GradientStop,
  type ResolvedLinearGradient,
  type ResolvedRadialGradient,
  type Rgba,
  formatRgba,
  parseColor,
  resolveFill,
} from '@layercast/shared';
import type { PaintFill } from '../types';

const TRANSPARENT = 'rgba(0, 0, 0, 0)';
/** Below this (in px) an ending shape has collapsed and CSS paints the last stop's colour. */
const MIN_RADIUS = 0.01;
/** Stops added between two partly transparent stops to follow CSS's premultiplied curve. */
const ALPHA_STEPS = 8;

/**
 * A fill placed on a `width`×`height` box in its local frame, as CSS draws it there.
 * Every coordinate is finite: a browser canvas silently paints nothing otherwise.
 */
export function placeFill(fill: Fill, width: number, height: number): PaintFill {
  const f = resolveFill(fill);
  const placed =
    f.type === 'color' ? f : f.type === 'linear' ? placeLinear(f, width, height) : placeRadial(f, width, height);
  if (placed.type === 'color') return placed;
  const numbers =
    placed.type === 'linear'
      ? [placed.x0, placed.y0, placed.x1, placed.y1]
      : [placed.cx, placed.cy, placed.r, placed.scaleY];
  return numbers.every(Number.isFinite)
    ? { ...placed, stops: premultipliedStops(placed.stops) }
    : { type: 'color', color: TRANSPARENT };
}

/**
 * `to top right` points the gradient line perpendicular to the diagonal through the other
 * two corners, so the end colour just reaches the named corner: 45deg only on a square.
 */
function cornerAngle(corner: Corner, width: number, height: number): number {
  const a = (Math.atan2(height, width) * 180) / Math.PI;
  switch (corner) {
    case 'top right':
      return a;
    case 'bottom right':
      return 180 - a;
    case 'bottom left':
      return 180 + a;
    case 'top left':
      return 360 - a;
  }
}

/**
 * The gradient line passes through the centre at `angle` (0 = up, clockwise) and is as
 * long as the box's projection on it, so the end colours reach the corners.
 */
function placeLinear(f: ResolvedLinearGradient, width: number, height: number): PaintFill {
  const angle = f.corner ? cornerAngle(f.corner, width, height) : f.angle;
  const rad = (angle * Math.PI) / 180;
  const dx = Math.sin(rad);
  const dy = -Math.cos(rad);
  const half = (Math.abs(width * dx) + Math.abs(height * dy)) / 2;
  const cx = width / 2;
  const cy = height / 2;
  return {
    type: 'linear',
    x0: cx - dx * half,
    y0: cy - dy * half,
    x1: cx + dx * half,
    y1: cy + dy * half,
    stops: f.stops,
  };
}

/**
 * CSS ending shapes (Images 3 §3.2.2). An ellipse through a corner keeps the aspect of the
 * matching sides (closest-corner of closest-side, farthest-corner of farthest-side), so it
 * is that side ellipse scaled by √2. The document form is a circle to the farthest corner.
 */
function endingRadii(
  f: ResolvedRadialGradient,
  cx: number,
  cy: number,
  width: number,
  height: number,
): { rx: number; ry: number } {
  const xs = [Math.abs(cx), Math.abs(width - cx)];
  const ys = [Math.abs(cy), Math.abs(height - cy)];
  const extent = f.extent ?? 'farthest-corner';
  const side = extent.startsWith('closest') ? Math.min : Math.max;
  const sx = side(...xs);
  const sy = side(...ys);
  const toCorner = extent.endsWith('corner');
  if ((f.shape ?? 'circle') === 'ellipse') {
    const k = toCorner ? Math.SQRT2 : 1;
    return { rx: sx * k, ry: sy * k };
  }
  const r = toCorner ? Math.hypot(sx, sy) : side(sx, sy);
  return { rx: r, ry: r };
}

/** Canvas gradients are circles: an ellipse is a circle of radius rx scaled by ry/rx about the centre. */
function placeRadial(f: ResolvedRadialGradient, width: number, height: number): PaintFill {
  const cx = f.cx * width;
  const cy = f.cy * height;
  const ending = endingRadii(f, cx, cy, width, height);
  const rx = ending.rx * f.radius;
  const ry = ending.ry * f.radius;
  if (rx < MIN_RADIUS || ry < MIN_RADIUS)
    return { type: 'color', color: f.stops[f.stops.length - 1]?.color ?? TRANSPARENT };
  return { type: 'radial', cx, cy, r: rx, scaleY: ry / rx, stops: f.stops };
}

/**
 * Canvas interpolates stops unpremultiplied, CSS premultiplied: red → transparent would
 * pass through dark grey-red. A transparent stop has no colour of its own, so it takes
 * each neighbour's (split in two when they differ); between stops of different alpha,
 * extra stops follow the premultiplied curve.
 */
function premultipliedStops(stops: GradientStop[]): GradientStop[] {
  const parsed = stops.map((s) => ({ offset: s.offset, c: parseColor(s.color) ?? { r: 0, g: 0, b: 0, a: 0 } }));
  const out: { offset: number; c: Rgba }[] = [];
  parsed.forEach((stop, i) => {
    const before = parsed[i - 1];
    if (stop.c.a === 0) {
      const after = parsed[i + 1];
      const left = before && before.c.a > 0 ? before.c : after && after.c.a > 0 ? after.c : stop.c;
      const right = after && after.c.a > 0 ? after.c : left;
      out.push({ offset: stop.offset, c: { ...left, a: 0 } });
      if (!sameRgb(left, right)) out.push({ offset: stop.offset, c: { ...right, a: 0 } });
      return;
    }
    if (
      before &&
      before.c.a > 0 &&
      before.c.a !== stop.c.a &&
      !sameRgb(before.c, stop.c) &&
      stop.offset > before.offset
    ) {
      for (let k = 1; k < ALPHA_STEPS; k++) {
        const t = k / ALPHA_STEPS;
        out.push({
          offset: before.offset + (stop.offset - before.offset) * t,
          c: mixPremultiplied(before.c, stop.c, t),
        });
      }
    }
    out.push(stop);
  });
  return out.map((s) => ({ offset: s.offset, color: formatRgba(s.c) }));
}

function sameRgb(a: Rgba, b: Rgba): boolean {
  return a.r === b.r && a.g === b.g && a.b === b.b;
}

function mixPremultiplied(from: Rgba, to: Rgba, t: number): Rgba {
  const a = from.a + (to.a - from.a) * t;
  const channel = (x: number, y: number) => Math.round((x * from.a + (y * to.a - x * from.a) * t) / a);
  return {
    r: channel(from.r, to.r),
    g: channel(from.g, to.g),
    b: channel(from.b, to.b),
    a: Math.round(a * 1000) / 1000,
  };
}
