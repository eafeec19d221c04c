// Rulers along the top and left of the stage, in canvas pixels at the current zoom and
// pan: labelled ticks, the selection's extent as a band, and a marker at the pointer,
// whose position is also shown in numbers in the corner of the canvas area.
import { useEffect, useRef } from 'react';
import { unionBounds } from '../state/snapping';
import type { Viewport } from '../state/viewport';
import { useSceneState, useUi } from './context';
import { useElementSize } from './use-element-size';

export const RULER_PX = 20;
const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

/** The smallest step (canvas px) whose labels are at least 56 screen pixels apart. */
export function rulerStep(zoom: number): number {
  return STEPS.find((s) => s * zoom >= 56) ?? STEPS[STEPS.length - 1]!;
}

interface RulerProps {
  axis: 'x' | 'y';
  viewport: Viewport;
  cursor: number | null;
  band: { from: number; to: number } | null;
}

function Ruler({ axis, viewport, cursor, band }: RulerProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(ref);
  const length = axis === 'x' ? size.width : size.height;
  useEffect(() => {
    const el = ref.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx || length === 0) return;
    const dpr = window.devicePixelRatio || 1;
    const w = axis === 'x' ? length : RULER_PX;
    const h = axis === 'x' ? RULER_PX : length;
    el.width = Math.round(w * dpr);
    el.height = Math.round(h * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    // Draw as if horizontal; the vertical ruler is the same drawing turned a quarter
    // clockwise (its labels read downwards, its long ticks at the canvas side).
    if (axis === 'y') ctx.setTransform(0, dpr, -dpr, 0, RULER_PX * dpr, 0);
    const { zoom } = viewport;
    const pan = axis === 'x' ? viewport.panX : viewport.panY;
    const at = (v: number) => pan + v * zoom;
    if (band) {
      ctx.fillStyle = 'rgba(79, 70, 229, 0.14)';
      ctx.fillRect(at(band.from), 0, (band.to - band.from) * zoom, RULER_PX);
    }
    const step = rulerStep(zoom);
    const minor = step / (step * zoom >= 100 ? 10 : 5);
    ctx.strokeStyle = '#98a2b3';
    ctx.fillStyle = '#667085';
    ctx.font = '10px "Layercast Inter", system-ui, sans-serif';
    ctx.textBaseline = 'top';
    ctx.lineWidth = 1;
    ctx.beginPath();
    const first = Math.floor(-pan / zoom / minor) * minor;
    for (let v = first; at(v) <= length; v += minor) {
      const x = Math.round(at(v)) + 0.5;
      const major = Math.abs(v / step - Math.round(v / step)) < 1e-6;
      ctx.moveTo(x, major ? 0 : RULER_PX - 5);
      ctx.lineTo(x, RULER_PX);
      if (major) ctx.fillText(String(Math.round(v)), x + 3, 2);
    }
    ctx.stroke();
    if (cursor !== null) {
      ctx.strokeStyle = '#ec4899';
      ctx.beginPath();
      const x = Math.round(at(cursor)) + 0.5;
      ctx.moveTo(x, 0);
      ctx.lineTo(x, RULER_PX);
      ctx.stroke();
    }
  }, [axis, length, viewport, cursor, band]);
  return <canvas ref={ref} className={`ruler ruler-${axis}`} data-testid={`ruler-${axis}`} />;
}

export function Rulers() {
  const { scene } = useSceneState();
  const viewport = useUi((s) => s.viewport);
  const cursor = useUi((s) => s.cursor);
  const selectedIds = useUi((s) => s.selectedIds);
  // Layout's bounds: rotated layers, groups and layers inside groups by where they are on the canvas.
  const selection = unionBounds(
    [...scene.nodes, ...scene.groups].filter((n) => selectedIds.includes(n.id)).map((n) => n.bounds),
  );
  return (
    <>
      <div className="ruler-corner" aria-hidden="true" />
      <Ruler
        axis="x"
        viewport={viewport}
        cursor={cursor?.x ?? null}
        band={selection && { from: selection.x, to: selection.x + selection.width }}
      />
      <Ruler
        axis="y"
        viewport={viewport}
        cursor={cursor?.y ?? null}
        band={selection && { from: selection.y, to: selection.y + selection.height }}
      />
      {cursor && (
        <output className="cursor-position" data-testid="cursor-position" aria-label="Pointer position on the canvas">
          X {Math.round(cursor.x)} · Y {Math.round(cursor.y)}
        </output>
      )}
    </>
  );
}
