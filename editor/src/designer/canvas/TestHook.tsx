// Test builds only (`vite build --mode e2e`): the browser tests read the editor's state
// through `window.__layercast` — the document, the engine's scene, whether fonts and
// images are ready, the viewport and selection — and export the template as the editor
// draws it, at 100 % and device pixel ratio 1, from the same Konva layer the user sees
// (the parity test compares it with the server's PNG). Production builds leave it out.
import type Konva from 'konva';
import { useEffect } from 'react';
import { useDesigner, useDoc, useSceneState } from '../context';

export function TestHook({ contentRef }: { contentRef: React.RefObject<Konva.Layer | null> }) {
  const { ui } = useDesigner();
  const doc = useDoc();
  const { scene, fontsReady, images } = useSceneState();
  useEffect(() => {
    const w = window as unknown as { __layercast?: Record<string, unknown> };
    w.__layercast = {
      ...(w.__layercast ?? {}),
      scene,
      doc,
      /** Fonts the document needs have loaded and no image is still loading. */
      ready: fontsReady && images.pending === 0,
      viewport: () => ui.getState().viewport,
      selection: () => ui.getState().selectedIds,
      measures: () => ui.getState().measures,
      exportCanvas: () => {
        const layer = contentRef.current;
        if (!layer) return null;
        const v = ui.getState().viewport;
        return layer.toDataURL({
          x: v.panX,
          y: v.panY,
          width: doc.canvas.width * v.zoom,
          height: doc.canvas.height * v.zoom,
          pixelRatio: 1 / v.zoom,
        });
      },
    };
  }, [scene, doc, contentRef, ui, fontsReady, images]);
  return null;
}
