// Snapping maths for drag and resize: the moving box's edges and centre snap to the canvas
// edges and centre and to other layers' edges and centres, and each snap yields a guide to
// draw. All values are canvas pixels; the threshold is divided by the zoom by the caller so
// snapping feels the same at every zoom level. A layer's box on the canvas (rotated
// bounds) comes from the engine's layout (`node.bounds`), computed once there.

/** Re-exported for the boxes of layers being moved or resized, before layout has run. */
export { rotatedBounds, unionBounds } from '@layercast/engine';

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

/**
 * A distance shown while moving a box: along `axis` from `from` to `to` (canvas pixels),
 * drawn at `at` on the other axis. `length` is what the label says.
 */
export interface Measure {
  axis: Axis;
  from: number;
  to: number;
  at: number;
  length: number;
}

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.min(a1, b1) - Math.max(a0, b0);

/**
 * The gaps from `moving` to its nearest neighbour on each side (left, right, above, below):
 * a layer overlapping it on the other axis, else the canvas edge on that side when the box
 * has not passed it.
 * Layers the box overlaps are not neighbours. As Figma does while dragging.
 */
export function measureGaps(moving: Box, others: readonly Box[], canvas: Box): Measure[] {
  const measures: Measure[] = [];
  const m = { x0: moving.x, x1: moving.x + moving.width, y0: moving.y, y1: moving.y + moving.height };
  for (const axis of ['x', 'y'] as const) {
    const [lo, hi] = axis === 'x' ? [m.x0, m.x1] : [m.y0, m.y1];
    const [crossLo, crossHi] = axis === 'x' ? [m.y0, m.y1] : [m.x0, m.x1];
    const span = (b: Box) =>
      axis === 'x'
        ? ([b.x, b.x + b.width, b.y, b.y + b.height] as const)
        : ([b.y, b.y + b.height, b.x, b.x + b.width] as const);
    let before: { edge: number; at: number } | null = null;
    let after: { edge: number; at: number } | null = null;
    for (const o of others) {
      const [o0, o1, c0, c1] = span(o);
      if (overlap(crossLo, crossHi, c0, c1) <= 0) continue;
      const at = (Math.max(crossLo, c0) + Math.min(crossHi, c1)) / 2;
      if (o1 <= lo + EPS && (before === null || o1 > before.edge)) before = { edge: o1, at };
      if (o0 >= hi - EPS && (after === null || o0 < after.edge)) after = { edge: o0, at };
    }
    const [c0, c1] = span(canvas);
    const mid = (crossLo + crossHi) / 2;
    if (before === null && lo > c0 + EPS) before = { edge: c0, at: mid };
    if (after === null && hi < c1 - EPS) after = { edge: c1, at: mid };
    if (before && lo - before.edge > EPS) {
      measures.push({ axis, from: before.edge, to: lo, at: before.at, length: Math.round(lo - before.edge) });
    }
    if (after && after.edge - hi > EPS) {
      measures.push({ axis, from: hi, to: after.edge, at: after.at, length: Math.round(after.edge - hi) });
    }
  }
  return measures;
}
