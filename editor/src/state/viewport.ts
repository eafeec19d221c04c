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

/**
 * One scrollbar's geometry, in screen pixels along a track as long as the view. The
 * scrollable extent is the canvas with half a view of room on each side, and always includes
 * what is on screen now (a pan past it does not jump). Null when the whole extent fits.
 */
export interface ScrollThumb {
  start: number;
  size: number;
  /** Screen pixels of pan per pixel of thumb movement. */
  panPerPixel: number;
}

export function scrollThumb(pan: number, zoom: number, canvasSize: number, viewSize: number): ScrollThumb | null {
  if (viewSize <= 0) return null;
  const room = viewSize / 2;
  // Screen positions relative to the view's left/top edge.
  const lo = Math.min(pan - room, 0);
  const hi = Math.max(pan + canvasSize * zoom + room, viewSize);
  const extent = hi - lo;
  if (pan >= 0 && pan + canvasSize * zoom <= viewSize) return null;
  const size = Math.max(24, (viewSize / extent) * viewSize);
  const free = viewSize - size;
  const start = free * ((0 - lo) / (extent - viewSize));
  return { start, size, panPerPixel: -(extent - viewSize) / free };
}
