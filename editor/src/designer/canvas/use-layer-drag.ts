// Dragging layers: pressing selects (shift adds), dragging moves the whole selection with
// snapping to the canvas and the other layers (Alt turns snapping off), in whole pixels.
// The live frames are previews of one gesture, so a drag is one undo step.
import type { Layer } from '@layercast/shared';
import type Konva from 'konva';
import { useRef } from 'react';
import { updateLayers } from '../../state/layer-ops';
import { clickSelect } from '../../state/selection';
import { type Box, measureGaps, snapBox, unionBounds } from '../../state/snapping';
import { useDesigner } from '../context';
import {
  type CanvasModel,
  SNAP_PX,
  boundsOf,
  canvasBox,
  parentFrame,
  round2,
  unitBounds,
  unitOf,
  vectorInParent,
} from './canvas-model';

interface DragState {
  /** Where each moving layer started, and its group's frame (a drag moves it in that frame's axes). */
  starts: Map<string, { x: number; y: number; frame: ReturnType<typeof parentFrame> }>;
  node: { x: number; y: number };
  /** Bounds of the moving layers at the start, and of everything else (snap targets). */
  moving: Box;
  others: Box[];
}

export function useLayerDrag(model: CanvasModel, spaceHeld: boolean) {
  const { docs, ui } = useDesigner();
  const drag = useRef<DragState | null>(null);

  const onPointerDown = (id: string, evt: Konva.KonvaEventObject<MouseEvent | TouchEvent>) => {
    if (spaceHeld) return;
    evt.cancelBubble = true;
    const additive = 'shiftKey' in evt.evt && evt.evt.shiftKey;
    const current = ui.getState().selectedIds;
    // Pressing an already-selected layer keeps the selection so the whole group drags.
    if (!additive && current.includes(id)) return;
    // A layer outside the entered group ends editing inside it.
    const entered = ui.getState().enteredGroupId;
    if (entered && model.parentById.get(id) !== entered) ui.getState().enterGroup(null);
    ui.getState().select(clickSelect(current, id, additive));
  };

  const onDragStart = (id: string, evt: Konva.KonvaEventObject<DragEvent>) => {
    const selection = ui.getState().selectedIds.includes(id) ? ui.getState().selectedIds : [id];
    const moving = selection.map((sid) => model.layersById.get(sid)).filter((l): l is Layer => !!l && !l.locked);
    const starts = new Map(moving.map((l) => [l.id, { x: l.x, y: l.y, frame: parentFrame(model, l.id) }]));
    const movingIds = new Set(starts.keys());
    const movingBounds = unionBounds(
      [...movingIds].map((mid) => unitBounds(model, mid)).filter((b): b is Box => b !== undefined),
    );
    if (!movingBounds) return;
    drag.current = {
      starts,
      node: { x: evt.target.x(), y: evt.target.y() },
      moving: movingBounds,
      others: model.scene.nodes
        .filter((n) => !movingIds.has(n.id) && !movingIds.has(unitOf(model, n.id)))
        .map(boundsOf),
    };
    docs.getState().beginGesture();
  };

  const onDragMove = (_id: string, evt: Konva.KonvaEventObject<DragEvent>) => {
    const d = drag.current;
    if (!d) return;
    let dx = evt.target.x() - d.node.x;
    let dy = evt.target.y() - d.node.y;
    const zoom = ui.getState().viewport.zoom;
    const moved = { ...d.moving, x: d.moving.x + dx, y: d.moving.y + dy };
    const snap = evt.evt?.altKey
      ? { dx: 0, dy: 0, guides: [] }
      : snapBox(moved, d.others, canvasBox(model), SNAP_PX / zoom);
    // Whole pixels, as designers expect from a drag at any zoom (the inspector takes decimals).
    dx = Math.round(dx + snap.dx);
    dy = Math.round(dy + snap.dy);
    evt.target.position({ x: d.node.x + dx, y: d.node.y + dy });
    const placed = { ...d.moving, x: d.moving.x + dx, y: d.moving.y + dy };
    ui.getState().setGuides(snap.guides, measureGaps(placed, d.others, canvasBox(model)));
    docs.getState().preview((doc) =>
      updateLayers(doc, [...d.starts.keys()], (l) => {
        const s = d.starts.get(l.id);
        if (!s) return l;
        const v = vectorInParent(s.frame, dx, dy);
        return { ...l, x: round2(s.x + v.dx), y: round2(s.y + v.dy) } as Layer;
      }),
    );
  };

  const onDragEnd = () => {
    drag.current = null;
    ui.getState().setGuides([]);
    docs.getState().endGesture();
  };

  return { onPointerDown, onDragStart, onDragMove, onDragEnd };
}
