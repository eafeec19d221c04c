// Zoom and pan on the stage: fit the canvas in view until the user zooms or pans by hand,
// wheel and trackpad-pinch zoom around the pointer, and space-drag panning.
import type Konva from 'konva';
import { useEffect } from 'react';
import { fitViewport, zoomAround } from '../../state/viewport';
import { useDesigner, useUi } from '../context';

export function useViewportGestures(
  stageRef: React.RefObject<Konva.Stage | null>,
  view: { width: number; height: number },
  canvas: { width: number; height: number },
) {
  const { ui } = useDesigner();
  const fitted = useUi((s) => s.fitted);

  useEffect(() => {
    if (fitted && view.width > 0 && view.height > 0)
      ui.getState().setViewport(fitViewport(canvas.width, canvas.height, view.width, view.height), true);
  }, [fitted, view.width, view.height, canvas.width, canvas.height, ui]);

  const onWheel = (evt: Konva.KonvaEventObject<WheelEvent>) => {
    evt.evt.preventDefault();
    const p = stageRef.current?.getPointerPosition();
    if (!p) return;
    // Pinch on a trackpad arrives as a wheel event with ctrlKey and small deltas.
    const speed = evt.evt.ctrlKey ? 0.01 : 0.0015;
    const factor = Math.exp(-evt.evt.deltaY * speed);
    ui.getState().setViewport(zoomAround(ui.getState().viewport, factor, p.x, p.y));
  };

  /** The end of a space-drag pan: the stage itself was dragged. */
  const onStageDragEnd = (evt: Konva.KonvaEventObject<DragEvent>) => {
    if (evt.target !== stageRef.current) return;
    ui.getState().setViewport({ zoom: ui.getState().viewport.zoom, panX: evt.target.x(), panY: evt.target.y() });
  };

  return { onWheel, onStageDragEnd };
}
