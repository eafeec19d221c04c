// What the canvas interactions read about the document at one moment: the layout the
// engine produced, the layers by id and the canvas size. Built once per render of the
// stage and passed to each interaction hook, so none of them re-derives it.
//
// Groups: the scene holds their children as ordinary nodes, and each visible group's box
// (`scene.groups`). What a click picks is a *unit*: a layer at the level being edited (the
// top level, or the children of the group entered with a double-click); a node deeper
// down picks the group that holds it at that level.
import type { GroupBox, Matrix, Scene, SceneNode } from '@layercast/engine';
import { type Layer, type TemplateDocument, allLayers } from '@layercast/shared';
import type { Box } from '../../state/snapping';

/** How far (screen pixels) a box edge is pulled onto a guide. */
export const SNAP_PX = 6;

export const round2 = (v: number) => Math.round(v * 100) / 100;

/** A layer's box on the canvas, rotation included: layout computed it (`node.bounds`). */
export const boundsOf = (n: SceneNode): Box => n.bounds;

/** The frame a layer's own x, y and rotation are given in: its group's, or the canvas. */
export interface ParentFrame {
  matrix: Matrix;
  rotation: number;
}

const CANVAS_FRAME: ParentFrame = { matrix: [1, 0, 0, 1, 0, 0], rotation: 0 };

export interface CanvasModel {
  scene: Scene;
  layersById: ReadonlyMap<string, Layer>;
  nodesById: ReadonlyMap<string, SceneNode>;
  groupsById: ReadonlyMap<string, GroupBox>;
  /** The group holding each layer, null at the top level. */
  parentById: ReadonlyMap<string, string | null>;
  enteredGroupId: string | null;
  width: number;
  height: number;
}

export function canvasModel(doc: TemplateDocument, scene: Scene, enteredGroupId: string | null = null): CanvasModel {
  const parentById = new Map<string, string | null>();
  const walk = (layers: readonly Layer[], parent: string | null) => {
    for (const l of layers) {
      parentById.set(l.id, parent);
      if (l.type === 'group') walk(l.layers, l.id);
    }
  };
  walk(doc.layers, null);
  return {
    scene,
    layersById: new Map(allLayers(doc.layers).map((l) => [l.id, l])),
    nodesById: new Map(scene.nodes.map((n) => [n.id, n])),
    groupsById: new Map(scene.groups.map((g) => [g.id, g])),
    parentById,
    enteredGroupId: enteredGroupId && parentById.has(enteredGroupId) ? enteredGroupId : null,
    width: doc.canvas.width,
    height: doc.canvas.height,
  };
}

/** The layer a click on `id` picks at the level being edited. */
export function unitOf(m: CanvasModel, id: string): string {
  const chain = [id];
  for (let p = m.parentById.get(id); p; p = m.parentById.get(p)) chain.unshift(p);
  const at = m.enteredGroupId ? chain.indexOf(m.enteredGroupId) : -1;
  return (at >= 0 ? chain[at + 1] : chain[0]) ?? id;
}

/** The canvas box of a layer or a group (rotated ones by the box they cover). */
export function unitBounds(m: CanvasModel, id: string): Box | undefined {
  return m.nodesById.get(id)?.bounds ?? m.groupsById.get(id)?.bounds;
}

/** Where a layer or group is on the stage, for Konva and outlines. */
export function unitShape(m: CanvasModel, id: string): Pick<SceneNode, 'frame' | 'width' | 'height'> | undefined {
  return m.nodesById.get(id) ?? m.groupsById.get(id);
}

export function parentFrame(m: CanvasModel, id: string): ParentFrame {
  const parent = m.parentById.get(id);
  const box = parent ? m.groupsById.get(parent) : undefined;
  return box ? { matrix: box.frame.matrix, rotation: box.rotation } : CANVAS_FRAME;
}

/** A canvas vector (a drag) in the parent frame's axes. */
export function vectorInParent(frame: ParentFrame, dx: number, dy: number): { dx: number; dy: number } {
  if (frame.rotation === 0) return { dx, dy };
  const [a, b, c, d] = frame.matrix;
  // The inverse of a rotation is its transpose.
  return { dx: a * dx + b * dy, dy: c * dx + d * dy };
}

/** A canvas point in the parent frame. */
export function pointInParent(frame: ParentFrame, x: number, y: number): { x: number; y: number } {
  const e = frame.matrix[4];
  const f = frame.matrix[5];
  const v = vectorInParent(frame, x - e, y - f);
  return { x: v.dx, y: v.dy };
}

/** The topmost visible node inside the group `groupId` under a canvas point. */
export function nodeAt(m: CanvasModel, groupId: string, x: number, y: number): SceneNode | undefined {
  const inside = (id: string) => {
    for (let p = m.parentById.get(id); p; p = m.parentById.get(p)) if (p === groupId) return true;
    return false;
  };
  for (let i = m.scene.nodes.length - 1; i >= 0; i--) {
    const n = m.scene.nodes[i];
    if (!n || !inside(n.id)) continue;
    const local = pointInParent({ matrix: n.frame.matrix, rotation: n.frame.rotation }, x, y);
    if (local.x >= 0 && local.y >= 0 && local.x <= n.width && local.y <= n.height) return n;
  }
  return undefined;
}

/** The canvas itself as a snap target. */
export const canvasBox = (m: CanvasModel): Box => ({ x: 0, y: 0, width: m.width, height: m.height });
