// Selection rules, kept pure so they are tested without a canvas.
import type { Box } from './snapping';

/** Click selects one layer; shift-click adds or removes it. */
export function clickSelect(selection: readonly string[], id: string, additive: boolean): string[] {
  if (!additive) return selection.length === 1 && selection[0] === id ? [...selection] : [id];
  return selection.includes(id) ? selection.filter((s) => s !== id) : [...selection, id];
}

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;
}

/** A marquee from (x0,y0) to (x1,y1) in any direction as a box. */
export function marqueeBox(x0: number, y0: number, x1: number, y1: number): Box {
  return { x: Math.min(x0, x1), y: Math.min(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) };
}

/**
 * Layers whose bounds touch the marquee, in z-order. Locked layers are left out: a marquee
 * that starts on the canvas should not pick up a locked background.
 */
export function marqueeSelect(
  items: readonly { id: string; bounds: Box; locked: boolean }[],
  marquee: Box,
  base: readonly string[],
  additive: boolean,
): string[] {
  const hit = items.filter((i) => !i.locked && intersects(i.bounds, marquee)).map((i) => i.id);
  if (!additive) return hit;
  const out = [...base];
  for (const id of hit) if (!out.includes(id)) out.push(id);
  return out;
}

/** Drops ids of layers that no longer exist (after undo, delete or reload). */
export function pruneSelection(selection: readonly string[], existing: readonly { id: string }[]): string[] {
  const ids = new Set(existing.map((l) => l.id));
  const next = selection.filter((id) => ids.has(id));
  return next.length === selection.length ? (selection as string[]) : next;
}
