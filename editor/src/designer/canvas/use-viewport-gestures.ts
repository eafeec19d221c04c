// Zoom and pan on the stage, as in Figma: the wheel (or two fingers on a trackpad) pans,
// Ctrl/⌘+wheel and a trackpad pinch (which the browser sends as Ctrl+wheel) zoom around
// the pointer, two fingers on a touch screen pinch-zoom and pan, and Space+drag pans. The
// canvas is fitted in view until the user zooms or pans by hand.
import type Konva from 'konva';
import { useEffect, useRef } from 'react';
import { type Viewport, fitViewport, zoomAround } from '../../state/viewport';
import { useDesigner, useUi } from '../context';

/** Wheel deltas in lines or pages (Firefox, some mice) as pixels. */
function wheelPixels(e: WheelEvent): { dx: number; dy: number } {
  const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
  // Shift+wheel on a mouse scrolls sideways, as it does on a page.
  if (e.shiftKey && e.deltaX === 0) return { dx: e.deltaY * unit, dy: 0 };
  return { dx: e.deltaX * unit, dy: e.deltaY * unit };
}

/** Zoom and pan for a wheel event over the screen point (sx, sy) of the stage. */
export function viewportForWheel(v: Viewport, e: WheelEvent, sx: number, sy: number): Viewport {
  const { dx, dy } = wheelPixels(e);
  if (e.ctrlKey || e.metaKey) {
    // A pinch sends many small deltas; a mouse wheel's notch with Ctrl sends ±100 or so,
    // which zooms by a quarter per notch.
    const step = Math.abs(dy) >= 50 ? Math.sign(dy) * 22 : dy;
    const factor = Math.exp(-step * 0.01);
    return zoomAround(v, factor, sx, sy);
  }
  return { zoom: v.zoom, panX: v.panX - dx, panY: v.panY - dy };
}

interface Pinch {
  distance: number;
  mid: { x: number; y: number };
}

export function useViewportGestures(
  stageRef: React.RefObject<Konva.Stage | null>,
  view: { width: number; height: number },
  canvas: { width: number; height: number },
) {
  const { ui, docs } = useDesigner();
  const fitted = useUi((s) => s.fitted);
  const pinch = useRef<Pinch | null>(null);

  useEffect(() => {
    if (fitted && view.width > 0 && view.height > 0)
      ui.getState().setViewport(fitViewport(canvas.width, canvas.height, view.width, view.height), true);
  }, [fitted, view.width, view.height, canvas.width, canvas.height, ui]);

  const onWheel = (evt: Konva.KonvaEventObject<WheelEvent>) => {
    evt.evt.preventDefault();
    const p = stageRef.current?.getPointerPosition();
    if (!p) return;
    ui.getState().setViewport(viewportForWheel(ui.getState().viewport, evt.evt, p.x, p.y));
  };

  /** The two touches of a pinch, in the stage's screen coordinates. */
  const touchPair = (touches: React.TouchList): Pinch | null => {
    const a = touches[0];
    const b = touches[1];
    const box = stageRef.current?.container().getBoundingClientRect();
    if (!a || !b || !box || touches.length !== 2) return null;
    return {
      distance: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY),
      mid: { x: (a.clientX + b.clientX) / 2 - box.left, y: (a.clientY + b.clientY) / 2 - box.top },
    };
  };

  /**
   * A second finger makes a pinch: a drag the first finger started is undone, not kept.
   * The gesture's document change is cancelled before Konva's drag ends (whose end would
   * commit it).
   */
  const cancelLayerDrag = () => {
    const stage = stageRef.current;
    const dragging = stage?.find('.template-layer').filter((n) => n.isDragging()) ?? [];
    if (dragging.length === 0) return;
    docs.getState().cancelGesture();
    ui.getState().setGuides([]);
    for (const node of dragging) node.stopDrag();
  };

  /**
   * Touch handlers for the stage's wrapper, in the capture phase: two-finger touches are
   * the pinch's alone and never reach the stage, so they neither select nor drag a layer.
   */
  const touchHandlers = {
    onTouchStartCapture: (e: React.TouchEvent) => {
      pinch.current = touchPair(e.touches);
      if (e.touches.length < 2) return;
      e.stopPropagation();
      cancelLayerDrag();
    },
    onTouchMoveCapture: (e: React.TouchEvent) => {
      const now = touchPair(e.touches);
      if (!now) {
        pinch.current = null;
        return;
      }
      e.stopPropagation();
      cancelLayerDrag();
      const before = pinch.current;
      pinch.current = now;
      if (!before || before.distance === 0) return;
      const v = ui.getState().viewport;
      const zoomed = zoomAround(v, now.distance / before.distance, before.mid.x, before.mid.y);
      ui.getState().setViewport({
        zoom: zoomed.zoom,
        panX: zoomed.panX + now.mid.x - before.mid.x,
        panY: zoomed.panY + now.mid.y - before.mid.y,
      });
    },
    onTouchEndCapture: (e: React.TouchEvent) => {
      pinch.current = touchPair(e.touches);
    },
  };

  /** The end of a space-drag pan: the stage itself was dragged. */
  const onStageDragEnd = (evt: Konva.KonvaEventObject<DragEvent>) => {
    if (evt.target !== stageRef.current) return;
    ui.getState().setViewport({ zoom: ui.getState().viewport.zoom, panX: evt.target.x(), panY: evt.target.y() });
  };

  return { onWheel, touchHandlers, onStageDragEnd };
}
