// A layer's local frame as Konva attributes. Layout computes the frame once (`node.frame`);
// everything on the stage placed in a layer's frame (the layer itself, its hover outline,
// an empty image's placeholder) takes it from here, so nothing re-derives the rotation.
import type { SceneNode } from '@layercast/engine';

export interface KonvaFrame {
  x: number;
  y: number;
  offsetX: number;
  offsetY: number;
  rotation: number;
}

export function konvaFrame(node: Pick<SceneNode, 'frame'>): KonvaFrame {
  const { frame } = node;
  return { x: frame.centerX, y: frame.centerY, offsetX: frame.pivotX, offsetY: frame.pivotY, rotation: frame.rotation };
}
