// Helpers shared by the painters. Only Canvas 2D calls.
import type { CornerRadii, PaintFill, PaintShadow } from '../types';

export type Ctx = CanvasRenderingContext2D;

/**
 * Canvas shadows ignore the current transform (they are in device pixels), so blur and
 * offsets are scaled by the transform's scale to look the same at any zoom or export scale.
 */
export function applyShadow(ctx: Ctx, shadow: PaintShadow | undefined): void {
  if (!shadow) return;
  const m = ctx.getTransform();
  const scale = Math.hypot(m.a, m.b) || 1;
  ctx.shadowColor = shadow.color;
  ctx.shadowBlur = shadow.blur * scale;
  ctx.shadowOffsetX = shadow.offsetX * scale;
  ctx.shadowOffsetY = shadow.offsetY * scale;
}

export function clearShadow(ctx: Ctx): void {
  ctx.shadowColor = 'rgba(0, 0, 0, 0)';
  ctx.shadowBlur = 0;
  ctx.shadowOffsetX = 0;
  ctx.shadowOffsetY = 0;
}

export function fillStyleOf(ctx: Ctx, fill: PaintFill): string | CanvasGradient {
  switch (fill.type) {
    case 'color':
      return fill.color;
    case 'linear': {
      const g = ctx.createLinearGradient(fill.x0, fill.y0, fill.x1, fill.y1);
      for (const s of fill.stops) g.addColorStop(s.offset, s.color);
      return g;
    }
    case 'radial': {
      const g = ctx.createRadialGradient(fill.cx, fill.cy, 0, fill.cx, fill.cy, fill.r);
      for (const s of fill.stops) g.addColorStop(s.offset, s.color);
      return g;
    }
  }
}

/** Fills the current path; an elliptical radial gradient is its circle scaled by scaleY about cy. */
export function fillPath(ctx: Ctx, fill: PaintFill): void {
  ctx.fillStyle = fillStyleOf(ctx, fill);
  if (fill.type !== 'radial' || fill.scaleY === 1) {
    ctx.fill();
    return;
  }
  // The path is already built, so only the gradient is squashed, not the shape.
  ctx.save();
  ctx.transform(1, 0, 0, fill.scaleY, 0, fill.cy * (1 - fill.scaleY));
  ctx.fill();
  ctx.restore();
}

/**
 * A rectangle path with corners rounded by `r` (clamped to half the shorter side); added
 * to the current path when `begin` is false.
 */
export function roundRectPath(ctx: Ctx, x: number, y: number, w: number, h: number, r: number, begin = true): void {
  const radius = Math.max(0, Math.min(r, w / 2, h / 2));
  if (begin) ctx.beginPath();
  if (radius === 0) {
    ctx.rect(x, y, w, h);
    return;
  }
  ctx.moveTo(x + radius, y);
  ctx.arcTo(x + w, y, x + w, y + h, radius);
  ctx.arcTo(x + w, y + h, x, y + h, radius);
  ctx.arcTo(x, y + h, x, y, radius);
  ctx.arcTo(x, y, x + w, y, radius);
  ctx.closePath();
}

export function ellipsePath(ctx: Ctx, w: number, h: number, x = 0, y = 0, begin = true): void {
  if (begin) ctx.beginPath();
  ctx.ellipse(x + w / 2, y + h / 2, w / 2, h / 2, 0, 0, Math.PI * 2);
  ctx.closePath();
}

/**
 * A rectangle path with each corner rounded by its own radius (top-left, top-right,
 * bottom-right, bottom-left). Radii that do not fit are scaled down together, as CSS
 * `border-radius` does, so equal radii give the same path as `roundRectPath`.
 */
export function cornersPath(
  ctx: Ctx,
  x: number,
  y: number,
  w: number,
  h: number,
  radii: CornerRadii,
  begin = true,
): void {
  const [tl, tr, br, bl] = radii;
  if (tl === tr && tr === br && br === bl) {
    roundRectPath(ctx, x, y, w, h, tl, begin);
    return;
  }
  const f = Math.min(1, w / (tl + tr || 1), w / (bl + br || 1), h / (tl + bl || 1), h / (tr + br || 1));
  const [a, b, c, d] = [tl * f, tr * f, br * f, bl * f];
  if (begin) ctx.beginPath();
  ctx.moveTo(x + a, y);
  ctx.arcTo(x + w, y, x + w, y + h, b);
  ctx.arcTo(x + w, y + h, x, y + h, c);
  ctx.arcTo(x, y + h, x, y, d);
  ctx.arcTo(x, y, x + w, y, a);
  ctx.closePath();
}
