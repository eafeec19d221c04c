import { type Shadow, normalizeColor } from '@layercast/shared';
import type { PaintShadow, PaintStroke } from '../types';

export function shadowOf(shadow: Shadow | undefined): PaintShadow | undefined {
  if (!shadow) return undefined;
  return { color: normalizeColor(shadow.color), blur: shadow.blur, offsetX: shadow.offsetX, offsetY: shadow.offsetY };
}

export function strokeOf(layer: { stroke?: string; strokeWidth: number }): PaintStroke | undefined {
  if (!layer.stroke || layer.strokeWidth <= 0) return undefined;
  return { color: normalizeColor(layer.stroke), width: layer.strokeWidth };
}
