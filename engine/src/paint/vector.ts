// Painters of the vector kinds: lines with arrowheads, polygons and stars, QR symbols.
// Everything they draw was placed by layout; these only walk the geometry.
import type { LineNode, PolygonNode, QrNode } from '../types';
import { type Ctx, applyShadow, clearShadow, fillPath } from './context';

export function paintLine(ctx: Ctx, node: LineNode): void {
  applyShadow(ctx, node.shadow);
  ctx.beginPath();
  ctx.moveTo(node.from.x, node.from.y);
  ctx.lineTo(node.to.x, node.to.y);
  ctx.lineWidth = node.stroke.width;
  ctx.strokeStyle = node.stroke.color;
  ctx.lineCap = node.lineCap;
  ctx.setLineDash(node.dash);
  ctx.stroke();
  ctx.setLineDash([]);
  if (node.arrowheads.length === 0) return;
  ctx.beginPath();
  for (const [tip, left, right] of node.arrowheads) {
    ctx.moveTo(tip.x, tip.y);
    ctx.lineTo(left.x, left.y);
    ctx.lineTo(right.x, right.y);
    ctx.closePath();
  }
  ctx.fillStyle = node.stroke.color;
  ctx.fill();
}

/** Stroke joins are mitred up to this ratio: a star's sharp points stay within the ink bounds layout allows. */
const MITER_LIMIT = 4;

export function paintPolygon(ctx: Ctx, node: PolygonNode): void {
  ctx.beginPath();
  for (const [i, p] of node.vertices.entries()) {
    if (i === 0) ctx.moveTo(p.x, p.y);
    else ctx.lineTo(p.x, p.y);
  }
  ctx.closePath();
  applyShadow(ctx, node.shadow);
  fillPath(ctx, node.fill);
  if (node.stroke) {
    clearShadow(ctx);
    ctx.lineWidth = node.stroke.width;
    ctx.strokeStyle = node.stroke.color;
    ctx.lineJoin = 'miter';
    ctx.miterLimit = MITER_LIMIT;
    ctx.stroke();
  }
}

/**
 * A QR symbol as filled squares. When the context maps the local frame to the device
 * without rotation (every unrotated layer, at any scale or zoom), each module edge is
 * moved to the nearest device pixel edge: modules are whole pixels with no anti-aliased
 * grey seams, which is what lets a scanner read small symbols. All dark modules are one
 * path filled once, so touching modules never show a hairline between them.
 */
export function paintQr(ctx: Ctx, node: QrNode): void {
  const symbol = node.symbol;
  if (!symbol) return;
  const m = ctx.getTransform();
  const axisAligned = Math.abs(m.b) < 1e-9 && Math.abs(m.c) < 1e-9 && m.a > 0 && m.d > 0;
  const snapX = (v: number) => (axisAligned ? (Math.round(m.a * v + m.e) - m.e) / m.a : v);
  const snapY = (v: number) => (axisAligned ? (Math.round(m.d * v + m.f) - m.f) / m.d : v);
  const { x, y, moduleSize, count } = symbol;
  const edgeX = (col: number) => snapX(x + col * moduleSize);
  const edgeY = (row: number) => snapY(y + row * moduleSize);
  if (node.background) {
    ctx.beginPath();
    ctx.rect(edgeX(0), edgeY(0), edgeX(count) - edgeX(0), edgeY(count) - edgeY(0));
    ctx.fillStyle = node.background;
    ctx.fill();
  }
  ctx.beginPath();
  for (const run of symbol.runs) {
    const left = edgeX(run.col);
    const top = edgeY(run.row);
    ctx.rect(left, top, edgeX(run.col + run.length) - left, edgeY(run.row + 1) - top);
  }
  ctx.fillStyle = node.color;
  ctx.fill();
}
