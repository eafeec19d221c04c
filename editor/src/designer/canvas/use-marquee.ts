// Marquee selection: a press on the empty canvas starts a box; releasing selects the
// unlocked layers it touches (shift adds), or clears the selection when it was a click.
import type Konva from 'konva';
import { useEffect, useRef, useState } from 'react';
import { marqueeBox, marqueeSelect } from '../../state/selection';
import type { Box } from '../../state/snapping';
import { toCanvasPoint } from '../../state/viewport';
import { useDesigner } from '../context';
import { type CanvasModel, unitBounds, unitOf } from './canvas-model';

interface MarqueeState {
  x0: number;
  y0: number;
  box: Box;
  additive: boolean;
}

export function useMarquee(model: CanvasModel, stageRef: React.RefObject<Konva.Stage | null>, spaceHeld: boolean) {
  const { ui } = useDesigner();
  const [marquee, setMarquee] = useState<MarqueeState | null>(null);

  const pointer = () => {
    const p = stageRef.current?.getPointerPosition();
    return p ? toCanvasPoint(ui.getState().viewport, p.x, p.y) : null;
  };

  const onStageMouseDown = (evt: Konva.KonvaEventObject<MouseEvent>) => {
    if (spaceHeld || evt.evt.button !== 0) return;
    if (evt.target !== evt.target.getStage() && evt.target.name() !== 'canvas-background') return;
    const p = pointer();
    if (!p) return;
    setMarquee({ x0: p.x, y0: p.y, box: marqueeBox(p.x, p.y, p.x, p.y), additive: evt.evt.shiftKey });
  };

  const onStageMouseMove = () => {
    if (!marquee) return;
    const p = pointer();
    if (p) setMarquee({ ...marquee, box: marqueeBox(marquee.x0, marquee.y0, p.x, p.y) });
  };

  const finish = () => {
    if (!marquee) return;
    const { box, additive } = marquee;
    setMarquee(null);
    const zoom = ui.getState().viewport.zoom;
    if (box.width * zoom < 3 && box.height * zoom < 3) {
      if (!additive) ui.getState().select([]);
      return;
    }
    // Layers inside a group are picked as their group (at the level being edited).
    const units = [...new Set(model.scene.nodes.map((n) => unitOf(model, n.id)))];
    const items = units.flatMap((id) => {
      const bounds = unitBounds(model, id);
      return bounds ? [{ id, bounds, locked: model.layersById.get(id)?.locked ?? false }] : [];
    });
    ui.getState().select(marqueeSelect(items, box, ui.getState().selectedIds, additive));
  };

  // The button may be released over a side panel, outside the stage: finish there too.
  const finishRef = useRef(finish);
  finishRef.current = finish;
  const active = marquee !== null;
  useEffect(() => {
    if (!active) return;
    const up = () => finishRef.current();
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, [active]);

  return { box: marquee?.box ?? null, onStageMouseDown, onStageMouseMove };
}
