// The bounds of a scene node, computed once by layout: the box's bounds on the canvas (what
// selection outlines, marquee and snapping use) and the ink bounds in the local frame (what
// paint can touch: text past the box, strokes, shadows; compositing sizes its surface by it).
import { rotatedBounds } from './layout/transform';
import type { Edges, LineNode, Point, Rect, SceneNode, UnplacedNode } from './types';

/** The axis-aligned bounds of a node's rotated box, in canvas pixels. */
export function boxBounds(node: Pick<SceneNode, 'x' | 'y' | 'width' | 'height' | 'rotation'>): Rect {
  return rotatedBounds({ x: node.x, y: node.y, width: node.width, height: node.height }, node.rotation);
}

/** Everything a node can draw, in its local frame: its box, its text, and room for strokes and shadows. */
export function inkBounds(node: UnplacedNode): Edges {
  let x0 = 0;
  let y0 = 0;
  let x1 = node.width;
  let y1 = node.height;
  if (node.type === 'text') {
    // A line's box can be taller than the layer's (one line always shows), and stacked
    // marks rise far above the em: a line box or two ems, whichever reaches further.
    const above = Math.max(node.lineHeightPx, 2 * node.fontSize);
    const below = Math.max(node.lineHeightPx, node.fontSize);
    for (const line of node.lines) {
      x0 = Math.min(x0, line.x);
      x1 = Math.max(x1, line.x + line.width);
      y0 = Math.min(y0, line.baseline - above);
      y1 = Math.max(y1, line.baseline + below);
    }
    for (const r of node.highlight?.rects ?? []) {
      x0 = Math.min(x0, r.x);
      y0 = Math.min(y0, r.y);
      x1 = Math.max(x1, r.x + r.width);
      y1 = Math.max(y1, r.y + r.height);
    }
    // Italic overhang and glyphs drawn past their advance.
    x0 -= node.fontSize / 2;
    x1 += node.fontSize / 2;
  }
  if (node.type === 'line') {
    // Arrowheads are wider than the box of a thin line.
    for (const p of node.arrowheads.flat()) {
      x0 = Math.min(x0, p.x);
      y0 = Math.min(y0, p.y);
      x1 = Math.max(x1, p.x);
      y1 = Math.max(y1, p.y);
    }
  }
  const stroke = node.type !== 'qr' && node.stroke ? 2 * node.stroke.width : 0;
  const shadow =
    node.type !== 'qr' && node.shadow
      ? 3 * node.shadow.blur + Math.max(Math.abs(node.shadow.offsetX), Math.abs(node.shadow.offsetY))
      : 0;
  const margin = stroke + shadow + 2;
  return { x0: x0 - margin, y0: y0 - margin, x1: x1 + margin, y1: y1 + margin };
}

/**
 * Where a pointer picks a line, in its local frame: the stroked segment widened to at least
 * `minHalfWidth` either side (a hairline is hard to hit), and each arrowhead. The rest of
 * a diagonal line's box lets clicks through to the layers behind.
 */
export function lineHitShapes(
  node: Pick<LineNode, 'from' | 'to' | 'stroke' | 'arrowheads'>,
  minHalfWidth = 6,
): Point[][] {
  const { from, to } = node;
  const half = Math.max(node.stroke.width / 2, minHalfWidth);
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  // A zero-length segment gets a square about its point.
  const ux = length ? (to.x - from.x) / length : 1;
  const uy = length ? (to.y - from.y) / length : 0;
  const nx = -uy * half;
  const ny = ux * half;
  const ex = ux * half;
  const ey = uy * half;
  const band = [
    { x: from.x - ex + nx, y: from.y - ey + ny },
    { x: to.x + ex + nx, y: to.y + ey + ny },
    { x: to.x + ex - nx, y: to.y + ey - ny },
    { x: from.x - ex - nx, y: from.y - ey - ny },
  ];
  return [band, ...node.arrowheads];
}
