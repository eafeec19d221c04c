// Zoom and pan maths. The stage shows the template at `zoom` with its top-left corner at
// `pan` (screen pixels inside the viewport).

export interface Viewport {
  zoom: number;
  panX: number;
  panY: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 8;

export const clampZoom = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

/** The zoom and pan that show the whole canvas centred with `margin` pixels around it. */
export function fitViewport(canvasW: number, canvasH: number, viewW: number, viewH: number, margin = 48): Viewport {
  const zoom = clampZoom(Math.min((viewW - margin * 2) / canvasW, (viewH - margin * 2) / canvasH, 1));
  return centerViewport(canvasW, canvasH, viewW, viewH, zoom);
}

export function centerViewport(canvasW: number, canvasH: number, viewW: number, viewH: number, zoom: number): Viewport {
  return { zoom, panX: Math.round((viewW - canvasW * zoom) / 2), panY: Math.round((viewH - canvasH * zoom) / 2) };
}

/** Zooms by `factor` keeping the canvas point under the screen point (sx, sy) in place. */
export function zoomAround(v: Viewport, factor: number, sx: number, sy: number): Viewport {
  const zoom = clampZoom(v.zoom * factor);
  const cx = (sx - v.panX) / v.zoom;
  const cy = (sy - v.panY) / v.zoom;
  return { zoom, panX: sx - cx * zoom, panY: sy - cy * zoom };
}

/** Screen point inside the viewport → canvas pixels. */
export function toCanvasPoint(v: Viewport, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - v.panX) / v.zoom, y: (sy - v.panY) / v.zoom };
}
