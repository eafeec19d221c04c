// Compositing surfaces in the browser: translucent layers that overlap themselves are drawn
// on an OffscreenCanvas and composited once (see paintLayer). Without OffscreenCanvas the
// painter applies opacity per draw call instead.
import type { LayerSurfaceFactory } from '../paint/paint';

export const browserLayerSurfaces: LayerSurfaceFactory = (width, height) =>
  typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(width, height);
