// Align and distribute, as pure maths over the layers' visible bounds (rotated layers by
// the box they cover on the canvas, as snapping sees them). Several layers align to the
// bounds of the selection, one layer to the canvas. Locked layers stay where they are but
// still count for the bounds.
import { type Layer, type TemplateDocument, allLayers, assertNever } from '@layercast/shared';
import { updateLayers } from './layer-ops';
import { type Box, rotatedBounds, unionBounds } from './snapping';

export type AlignKind = 'left' | 'center' | 'right' | 'top' | 'middle' | 'bottom';
export type DistributeAxis = 'horizontal' | 'vertical';

export const ALIGN_KINDS: readonly AlignKind[] = ['left', 'center', 'right', 'top', 'middle', 'bottom'];

export interface Placed {
  id: string;
  bounds: Box;
  locked: boolean;
}

export type Moves = Map<string, { dx: number; dy: number }>;

const round2 = (v: number) => Math.round(v * 100) / 100;

export function placedLayers(layers: readonly Layer[]): Placed[] {
  return layers.map((l) => ({ id: l.id, bounds: rotatedBounds(l, l.rotation), locked: l.locked }));
}

/** How far each unlocked layer moves so its bounds line up with `target` on one side. */
export function alignMoves(items: readonly Placed[], kind: AlignKind, target: Box): Moves {
  const moves: Moves = new Map();
  for (const { id, bounds: b, locked } of items) {
    if (locked) continue;
    const move = { dx: 0, dy: 0 };
    switch (kind) {
      case 'left':
        move.dx = target.x - b.x;
        break;
      case 'center':
        move.dx = target.x + target.width / 2 - (b.x + b.width / 2);
        break;
      case 'right':
        move.dx = target.x + target.width - (b.x + b.width);
        break;
      case 'top':
        move.dy = target.y - b.y;
        break;
      case 'middle':
        move.dy = target.y + target.height / 2 - (b.y + b.height / 2);
        break;
      case 'bottom':
        move.dy = target.y + target.height - (b.y + b.height);
        break;
      default:
        return assertNever(kind, 'alignment');
    }
    if (move.dx !== 0 || move.dy !== 0) moves.set(id, move);
  }
  return moves;
}

/**
 * Equal gaps between three or more layers along an axis: the first and last (by their
 * leading edge) stay, the ones between move. Locked layers in between keep their place.
 */
export function distributeMoves(items: readonly Placed[], axis: DistributeAxis): Moves {
  const moves: Moves = new Map();
  if (items.length < 3) return moves;
  const pos = (b: Box) => (axis === 'horizontal' ? b.x : b.y);
  const size = (b: Box) => (axis === 'horizontal' ? b.width : b.height);
  const sorted = [...items].sort((a, b) => pos(a.bounds) - pos(b.bounds));
  const first = sorted[0]!.bounds;
  const last = sorted[sorted.length - 1]!.bounds;
  const span = pos(last) + size(last) - pos(first);
  const total = sorted.reduce((sum, i) => sum + size(i.bounds), 0);
  const gap = (span - total) / (sorted.length - 1);
  let at = pos(first);
  for (const item of sorted) {
    const delta = at - pos(item.bounds);
    if (!item.locked && Math.abs(delta) > 1e-9)
      moves.set(item.id, axis === 'horizontal' ? { dx: delta, dy: 0 } : { dx: 0, dy: delta });
    at += size(item.bounds) + gap;
  }
  return moves;
}

export function applyMoves(doc: TemplateDocument, moves: Moves): TemplateDocument {
  if (moves.size === 0) return doc;
  return updateLayers(doc, [...moves.keys()], (l) => {
    const m = moves.get(l.id);
    return m ? ({ ...l, x: round2(l.x + m.dx), y: round2(l.y + m.dy) } as Layer) : l;
  });
}

/** Aligns the layers `ids`: to their common bounds, or to the canvas when there is one. */
export function alignLayers(doc: TemplateDocument, ids: readonly string[], kind: AlignKind): TemplateDocument {
  // A group is one box; layers inside a group align in the group's frame.
  const items = placedLayers(allLayers(doc.layers).filter((l) => ids.includes(l.id)));
  const target =
    items.length === 1
      ? { x: 0, y: 0, width: doc.canvas.width, height: doc.canvas.height }
      : unionBounds(items.map((i) => i.bounds));
  return target ? applyMoves(doc, alignMoves(items, kind, target)) : doc;
}

export function distributeLayers(doc: TemplateDocument, ids: readonly string[], axis: DistributeAxis) {
  return applyMoves(doc, distributeMoves(placedLayers(allLayers(doc.layers).filter((l) => ids.includes(l.id))), axis));
}
