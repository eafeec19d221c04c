import { type Fill, resolveFill } from '@layercast/shared';
import type { PaintFill } from '../types';

/**
 * A fill placed on a `width`×`height` box in its local frame. Linear gradients follow CSS:
 * the gradient line passes through the centre at `angle` (0 = up, clockwise) and is as
 * long as the box's projection on it, so the end colours reach the corners.
 */
export function placeFill(fill: Fill, width: number, height: number): PaintFill {
  const f = resolveFill(fill);
  switch (f.type) {
    case 'color':
      return f;
    case 'linear': {
      const rad = (f.angle * Math.PI) / 180;
      const dx = Math.sin(rad);
      const dy = -Math.cos(rad);
      const half = (Math.abs(width * dx) + Math.abs(height * dy)) / 2;
      const cx = width / 2;
      const cy = height / 2;
      return { type: 'linear', x0: cx - dx * half, y0: cy - dy * half, x1: cx + dx * half, y1: cy + dy * half, stops: f.stops };
    }
    case 'radial': {
      const cx = f.cx * width;
      const cy = f.cy * height;
      const farthest = Math.max(Math.hypot(cx, cy), Math.hypot(width - cx, cy), Math.hypot(cx, height - cy), Math.hypot(width - cx, height - cy));
      return { type: 'radial', cx, cy, r: Math.max(0.001, farthest * f.radius), stops: f.stops };
    }
  }
}
