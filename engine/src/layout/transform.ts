// The frame of a node: where its local box (0,0)-(width,height) sits on the canvas. Computed
// once by layout; paint enters it, the editor places its Konva shape with it, snapping and
// selection read the bounds derived from it. Rotation is in degrees, clockwise (canvas y
// points down), about the box centre.
import type { Edges, Matrix, NodeFrame, Rect } from '../types';

/** A matrix as `getTransform()` returns it. */
export interface MatrixLike {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export interface PlacedBox {
  x: number;
  y: number;
  width: number;
  height: number;
  rotation: number;
}

export function frameOf(box: PlacedBox): NodeFrame {
  const pivotX = box.width / 2;
  const pivotY = box.height / 2;
  const centerX = box.x + pivotX;
  const centerY = box.y + pivotY;
  const r = (box.rotation * Math.PI) / 180;
  const cos = box.rotation ? Math.cos(r) : 1;
  const sin = box.rotation ? Math.sin(r) : 0;
  const matrix: Matrix = box.rotation
    ? [cos, sin, -sin, cos, centerX - cos * pivotX + sin * pivotY, centerY - sin * pivotX - cos * pivotY]
    : [1, 0, 0, 1, box.x, box.y];
  return { centerX, centerY, pivotX, pivotY, rotation: box.rotation, matrix };
}

/** The axis-aligned bounds of a local rectangle once transformed (its four corners). */
export function transformedBounds(m: MatrixLike, r: Edges): Edges {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const [x, y] of [
    [r.x0, r.y0],
    [r.x1, r.y0],
    [r.x0, r.y1],
    [r.x1, r.y1],
  ] as const) {
    const tx = m.a * x + m.c * y + m.e;
    const ty = m.b * x + m.d * y + m.f;
    x0 = Math.min(x0, tx);
    y0 = Math.min(y0, ty);
    x1 = Math.max(x1, tx);
    y1 = Math.max(y1, ty);
  }
  return { x0, y0, x1, y1 };
}

/**
 * The axis-aligned bounds of a box rotated `rotationDeg` about its centre: what selection
 * outlines and snapping align. Unrotated boxes come back exactly as given.
 */
export function rotatedBounds(box: Rect, rotationDeg: number): Rect {
  if (rotationDeg % 360 === 0) return box;
  const r = (rotationDeg * Math.PI) / 180;
  const cos = Math.abs(Math.cos(r));
  const sin = Math.abs(Math.sin(r));
  const w = box.width * cos + box.height * sin;
  const h = box.width * sin + box.height * cos;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return { x: cx - w / 2, y: cy - h / 2, width: w, height: h };
}

/** The union of boxes, or null for none. */
export function unionBounds(boxes: readonly Rect[]): Rect | null {
  if (boxes.length === 0) return null;
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
