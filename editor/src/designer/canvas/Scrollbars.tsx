// Scrollbars along the bottom and right of the stage while the canvas reaches past the view
// (zoomed in, or panned away): the thumb shows where the view is; dragging it pans. Wheel,
// Space+drag and the keyboard do the same, so the bars are a pointer aid only.
import { useRef } from 'react';
import { type ScrollThumb, scrollThumb } from '../../state/viewport';
import { useDesigner, useUi } from '../context';

const BAR = 10;

function Bar({
  axis,
  thumb,
  length,
}: {
  axis: 'x' | 'y';
  thumb: ScrollThumb;
  /** The track's length in screen pixels. */
  length: number;
}) {
  const { ui } = useDesigner();
  const drag = useRef<{ pointer: number; pan: number; panPerPixel: number } | null>(null);
  const horizontal = axis === 'x';
  const scale = length / (length + BAR);
  const style = horizontal
    ? { left: thumb.start * scale, width: thumb.size * scale }
    : { top: thumb.start * scale, height: thumb.size * scale };
  return (
    <div className={`scrollbar scrollbar-${axis}`} aria-hidden data-testid={`scrollbar-${axis}`}>
      <div
        className="scrollbar-thumb"
        style={style}
        onPointerDown={(e) => {
          e.stopPropagation();
          e.currentTarget.setPointerCapture(e.pointerId);
          const v = ui.getState().viewport;
          drag.current = {
            pointer: horizontal ? e.clientX : e.clientY,
            pan: horizontal ? v.panX : v.panY,
            panPerPixel: thumb.panPerPixel / scale,
          };
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (!d) return;
          const moved = (horizontal ? e.clientX : e.clientY) - d.pointer;
          const v = ui.getState().viewport;
          const pan = Math.round(d.pan + moved * d.panPerPixel);
          ui.getState().setViewport(horizontal ? { ...v, panX: pan } : { ...v, panY: pan });
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
      />
    </div>
  );
}

export function CanvasScrollbars({
  width,
  height,
  canvas,
}: {
  width: number;
  height: number;
  canvas: { width: number; height: number };
}) {
  const { zoom, panX, panY } = useUi((s) => s.viewport);
  const x = scrollThumb(panX, zoom, canvas.width, width);
  const y = scrollThumb(panY, zoom, canvas.height, height);
  return (
    <>
      {x && <Bar axis="x" thumb={x} length={width - BAR} />}
      {y && <Bar axis="y" thumb={y} length={height - BAR} />}
    </>
  );
}
