// Geometry of the vector kinds, derived once here: a line's stroked part and arrowheads,
// a polygon's or a star's vertices. Paint only walks these points.
import type { LineLayer, PolygonLayer, StarLayer } from '@layercast/shared';
import type { Point } from '../types';

/** Arrowhead length as a multiple of the stroke width, and its least length in pixels. */
export const ARROW_LENGTH_FACTOR = 4;
export const ARROW_MIN_LENGTH = 10;
/** Half the arrowhead's base, as a fraction of its length. */
export const ARROW_HALF_WIDTH = 0.45;
/**
 * How far the stroke stops short of a tip, as a fraction of the arrowhead's length: deep
 * enough inside the head that the stroke's end and any cap stay under it (no seam, no cap
 * poking past the tip), for every cap, since the head is at least four stroke widths long.
 */
const SHAFT_PULLBACK = 0.6;

export interface LineGeometry {
  from: Point;
  to: Point;
  arrowheads: [Point, Point, Point][];
}

export function lineGeometry(layer: LineLayer): LineGeometry {
  const start = { x: layer.x1 * layer.width, y: layer.y1 * layer.height };
  const end = { x: layer.x2 * layer.width, y: layer.y2 * layer.height };
  const dx = end.x - start.x;
  const dy = end.y - start.y;
  const length = Math.hypot(dx, dy);
  const heads = Number(layer.startArrow) + Number(layer.endArrow);
  if (heads === 0 || length === 0) return { from: start, to: end, arrowheads: [] };
  // Each head takes at most its share of the line, so two never cross.
  const headLength = Math.min(Math.max(ARROW_LENGTH_FACTOR * layer.strokeWidth, ARROW_MIN_LENGTH), length / heads);
  const ux = dx / length;
  const uy = dy / length;
  const head = (tip: Point, dir: 1 | -1): [Point, Point, Point] => {
    // `dir` points from the tip back along the line.
    const bx = tip.x + dir * ux * headLength;
    const by = tip.y + dir * uy * headLength;
    const hw = ARROW_HALF_WIDTH * headLength;
    return [tip, { x: bx - uy * hw, y: by + ux * hw }, { x: bx + uy * hw, y: by - ux * hw }];
  };
  const back = SHAFT_PULLBACK * headLength;
  const arrowheads: [Point, Point, Point][] = [];
  let from = start;
  let to = end;
  if (layer.startArrow) {
    arrowheads.push(head(start, 1));
    from = { x: start.x + ux * back, y: start.y + uy * back };
  }
  if (layer.endArrow) {
    arrowheads.push(head(end, -1));
    to = { x: end.x - ux * back, y: end.y - uy * back };
  }
  return { from, to, arrowheads };
}

/**
 * Points on the unit circle (radius 1 about 0,0, first at the top, clockwise) scaled by
 * `radii` in turn, then stretched so their bounds fill the `width`×`height` box: a
 * pentagon touches all four sides of its box, as in design tools.
 */
function fitted(count: number, radii: readonly number[], width: number, height: number): Point[] {
  const unit: Point[] = [];
  for (let i = 0; i < count; i++) {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / count;
    const r = radii[i % radii.length] ?? 1;
    unit.push({ x: r * Math.cos(angle), y: r * Math.sin(angle) });
  }
  const xs = unit.map((p) => p.x);
  const ys = unit.map((p) => p.y);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  const sx = width / (Math.max(...xs) - x0);
  const sy = height / (Math.max(...ys) - y0);
  return unit.map((p) => ({ x: (p.x - x0) * sx, y: (p.y - y0) * sy }));
}

export function polygonVertices(layer: PolygonLayer): Point[] {
  return fitted(layer.sides, [1], layer.width, layer.height);
}

/** Points and inner vertices alternate, a point first (at the top). */
export function starVertices(layer: StarLayer): Point[] {
  return fitted(2 * layer.points, [1, layer.innerRatio], layer.width, layer.height);
}
