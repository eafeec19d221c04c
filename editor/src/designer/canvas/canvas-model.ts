// What the canvas interactions read about the document at one moment: the layout the
// engine produced, the layers by id and the canvas size. Built once per render of the
// stage and passed to each interaction hook, so none of them re-derives it.
import type { Scene, SceneNode } from '@layercast/engine';
import type { Layer, TemplateDocument } from '@layercast/shared';
import type { Box } from '../../state/snapping';

/** How far (screen pixels) a box edge is pulled onto a guide. */
export const SNAP_PX = 6;

export const round2 = (v: number) => Math.round(v * 100) / 100;

/** A layer's box on the canvas, rotation included: layout computed it (`node.bounds`). */
export const boundsOf = (n: SceneNode): Box => n.bounds;

export interface CanvasModel {
  scene: Scene;
  layersById: ReadonlyMap<string, Layer>;
  nodesById: ReadonlyMap<string, SceneNode>;
  width: number;
  height: number;
}

export function canvasModel(doc: TemplateDocument, scene: Scene): CanvasModel {
  return {
    scene,
    layersById: new Map(doc.layers.map((l) => [l.id, l])),
    nodesById: new Map(scene.nodes.map((n) => [n.id, n])),
    width: doc.canvas.width,
    height: doc.canvas.height,
  };
}

/** The canvas itself as a snap target. */
export const canvasBox = (m: CanvasModel): Box => ({ x: 0, y: 0, width: m.width, height: m.height });
