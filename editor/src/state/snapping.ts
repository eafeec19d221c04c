// Snapping maths for drag and resize: the moving box's edges and centre snap to the canvas
// edges and centre and to other layers' edges and centres, and each snap yields a guide to
// draw. All values are canvas pixels; the threshold is divided by the zoom by the caller so
// snapping feels the same at every zoom level.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Axis = 'x' | 'y';

/** A guide line: vertical lines have a constant x (`pos`) and span `start..end` in y. */
export interface Guide {
  axis: Axis;
  pos: number;
  start: number;
  end: number;
}

export interface SnapResult {
  dx: number;
  dy: number;
  guides: Guide[];
}

/** The axis-aligned bounds of a box rotated `rotationDeg` about its centre. */
export function rotatedBounds(box: Box, rotationDeg: number): Box {
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
export function unionBounds(boxes: readonly Box[]): Box | null {
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

const lines = (b: Box, axis: Axis): number[] =>
  axis === 'x' ? [b.x, b.x + b.width / 2, b.x + b.width] : [b.y, b.y + b.height / 2, b.y + b.height];

interface Candidate {
  delta: number;
  pos: number;
}

/** The smallest move within `threshold` that puts one of `moving` on one of `targets`. */
function bestSnap(moving: number[], targets: number[], threshold: number): Candidate | null {
  let best: Candidate | null = null;
  for (const m of moving) {
    for (const t of targets) {
      const delta = t - m;
      if (Math.abs(delta) <= threshold && (best === null || Math.abs(delta) < Math.abs(best.delta))) {
        best = { delta, pos: t };
      }
    }
  }
  return best;
}

/**
 * Snaps a moving box. `canvas` counts as a target like any layer; the guides of a snap span
 * the moving box and every target that has a line at the snapped position.
 */
export function snapBox(moving: Box, others: readonly Box[], canvas: Box, threshold: number): SnapResult {
  const targets = [canvas, ...others];
  const result: SnapResult = { dx: 0, dy: 0, guides: [] };
  for (const axis of ['x', 'y'] as const) {
    const snap = bestSnap(
      lines(moving, axis),
      targets.flatMap((t) => lines(t, axis)),
      threshold,
    );
    if (!snap) continue;
    if (axis === 'x') result.dx = snap.delta;
    else result.dy = snap.delta;
  }
  const snapped = { ...moving, x: moving.x + result.dx, y: moving.y + result.dy };
  result.guides = guidesFor(
    snapped,
    targets,
    result.dx !== 0 || hasLine(snapped, targets, 'x'),
    result.dy !== 0 || hasLine(snapped, targets, 'y'),
  );
  return result;
}

const EPS = 0.01;

function hasLine(moving: Box, targets: readonly Box[], axis: Axis): boolean {
  const ms = lines(moving, axis);
  return targets.some((t) => lines(t, axis).some((l) => ms.some((m) => Math.abs(m - l) < EPS)));
}

/** Guides for every line of `moving` that coincides with a target's line. */
export function guidesFor(moving: Box, targets: readonly Box[], wantX: boolean, wantY: boolean): Guide[] {
  const guides: Guide[] = [];
  for (const axis of ['x', 'y'] as const) {
    if ((axis === 'x' && !wantX) || (axis === 'y' && !wantY)) continue;
    const cross: Axis = axis === 'x' ? 'y' : 'x';
    for (const m of lines(moving, axis)) {
      const hits = targets.filter((t) => lines(t, axis).some((l) => Math.abs(l - m) < EPS));
      if (hits.length === 0) continue;
      const spans = [moving, ...hits].flatMap((b) => lines(b, cross));
      guides.push({ axis, pos: m, start: Math.min(...spans), end: Math.max(...spans) });
    }
  }
  return guides;
}

/** Snaps one value (a resize handle's edge) to the nearest target line within the threshold. */
export function snapValue(value: number, targets: readonly Box[], axis: Axis, threshold: number): number {
  const snap = bestSnap(
    [value],
    targets.flatMap((t) => lines(t, axis)),
    threshold,
  );
  return snap ? snap.pos : value;
}
