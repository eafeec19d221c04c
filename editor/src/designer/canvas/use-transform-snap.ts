// The transformer's gestures: resizing and rotating fold Konva's scale into the layer's
// width and height (a text box gets a new size, never a scaled font), show the guides the
// result lines up with, and resize handles snap to the canvas and other layers when
// nothing selected is rotated. One transform is one undo step.
import type { Layer } from '@layercast/shared';
import type Konva from 'konva';
import { updateLayers } from '../../state/layer-ops';
import { type Box, guidesFor, rotatedBounds, snapValue, unionBounds } from '../../state/snapping';
import { toCanvasPoint } from '../../state/viewport';
import { useDesigner } from '../context';
import { resizeGroup } from '../../state/groups';
import {
  type CanvasModel,
  SNAP_PX,
  boundsOf,
  canvasBox,
  parentFrame,
  pointInParent,
  round2,
  unitOf,
} from './canvas-model';

/** Degrees in (-180, 180]. */
function normalizeRotation(deg: number): number {
  let rotation = round2(deg % 360);
  if (rotation > 180) rotation -= 360;
  if (rotation <= -180) rotation += 360;
  return rotation;
}

export function useTransformSnap(model: CanvasModel) {
  const { docs, ui } = useDesigner();

  const onTransformStart = () => docs.getState().beginGesture();

  const onTransform = (nodes: Konva.Node[]) => {
    const patches = new Map<string, { x: number; y: number; width: number; height: number; rotation: number }>();
    const boxes: Box[] = [];
    for (const n of nodes) {
      const w = Math.max(1, Math.round(n.width() * n.scaleX()));
      const h = Math.max(1, Math.round(n.height() * n.scaleY()));
      n.setAttrs({ scaleX: 1, scaleY: 1, width: w, height: h, offsetX: w / 2, offsetY: h / 2 });
      const rotation = normalizeRotation(n.rotation());
      boxes.push(rotatedBounds({ x: n.x() - w / 2, y: n.y() - h / 2, width: w, height: h }, rotation));
      // Konva gives the box on the canvas; a layer inside a group stores it in the group's frame.
      const frame = parentFrame(model, n.id());
      const centre = pointInParent(frame, n.x(), n.y());
      patches.set(n.id(), {
        x: Math.round(centre.x - w / 2),
        y: Math.round(centre.y - h / 2),
        width: w,
        height: h,
        rotation: normalizeRotation(rotation - frame.rotation),
      });
    }
    docs.getState().preview((doc) =>
      updateLayers(doc, [...patches.keys()], (l) => {
        const p = patches.get(l.id);
        if (!p) return l;
        // A group's children scale with its box.
        const sized = l.type === 'group' ? resizeGroup(l, p.width, p.height) : l;
        return { ...sized, ...p } as Layer;
      }),
    );
    const union = unionBounds(boxes);
    const others = model.scene.nodes
      .filter((n) => !patches.has(n.id) && !patches.has(unitOf(model, n.id)))
      .map(boundsOf);
    if (union) ui.getState().setGuides(guidesFor(union, [canvasBox(model), ...others], true, true));
  };

  const onTransformEnd = () => {
    ui.getState().setGuides([]);
    docs.getState().endGesture();
  };

  /** Resize handles snap to the canvas and other layers when nothing is rotated. */
  const anchorDragBoundFunc = (_old: Konva.Vector2d, pos: Konva.Vector2d): Konva.Vector2d => {
    const v = ui.getState().viewport;
    const sel = new Set(ui.getState().selectedIds);
    const rotationOf = (id: string) => (model.nodesById.get(id) ?? model.groupsById.get(id))?.rotation ?? 0;
    if ([...sel].some((id) => rotationOf(id) % 360 !== 0)) return pos;
    const targets = [canvasBox(model), ...model.scene.nodes.filter((n) => !sel.has(n.id)).map(boundsOf)];
    const p = toCanvasPoint(v, pos.x, pos.y);
    const t = SNAP_PX / v.zoom;
    return {
      x: snapValue(p.x, targets, 'x', t) * v.zoom + v.panX,
      y: snapValue(p.y, targets, 'y', t) * v.zoom + v.panY,
    };
  };

  return { onTransformStart, onTransform, onTransformEnd, anchorDragBoundFunc };
}
