// A small picture of a document drawn by the engine in the browser (the same layout and
// painter as the designer and the server), for starter designs in the new-template dialog
// and, with a row's overrides and variables as `input`, for the Bulk page's row previews,
// and the versions in the History panel. It draws once it has been scrolled near the view, so
// a long list does not paint every row at once.
import { type LayoutInput, collectImageSources, layoutTemplate, paintScene, resolveDocument } from '@layercast/engine';
import { browserLayerSurfaces, loadBrowserImages } from '@layercast/engine/browser';
import { parseTemplate } from '@layercast/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { loadPlatform } from './platform';
import { textFontRequests } from './use-scene';
import { queryKeys } from '../api/queries';
import { useSeen } from '../ui/use-seen';

export function DocumentThumbnail({
  doc,
  width,
  height,
  label,
  input,
  onDrawn,
}: {
  doc: unknown;
  width: number;
  height: number;
  label: string;
  /** Validated overrides and variables to draw instead of the document's own values. */
  input?: LayoutInput;
  /** Called with the canvas once the document is painted on it (e.g. to compare pixels). */
  onDrawn?: (canvas: HTMLCanvasElement) => void;
}) {
  const platform = useQuery({
    queryKey: queryKeys.platform,
    queryFn: loadPlatform,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const ref = useRef<HTMLCanvasElement>(null);
  const seen = useSeen(ref, '200px');
  const drawn = useRef(onDrawn);
  drawn.current = onDrawn;
  const parsed = useMemo(() => parseTemplate(doc), [doc]);
  const canvasSize = parsed.ok ? parsed.value.canvas : { width, height };
  const scale = Math.min(width / canvasSize.width, height / canvasSize.height);
  const cssW = Math.round(canvasSize.width * scale);
  const cssH = Math.round(canvasSize.height * scale);
  useEffect(() => {
    const p = platform.data;
    const canvas = ref.current;
    if (!p || !canvas || !parsed.ok || !seen) return;
    let live = true;
    const draw = async () => {
      const document = parsed.value;
      const resolved = resolveDocument(document, input ?? {});
      await p.fonts.ensure(textFontRequests(resolved, input?.variables));
      const images = await loadBrowserImages(collectImageSources(resolved));
      if (!live) return;
      const scene = layoutTemplate(document, input ?? {}, {
        ...p.env,
        images: images.sizes,
        imageErrors: images.errors,
      });
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.round(cssW * ratio);
      canvas.height = Math.round(cssH * ratio);
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(scale * ratio, 0, 0, scale * ratio, 0, 0);
      paintScene(ctx, scene, images.images, { layerSurfaces: browserLayerSurfaces });
      canvas.dataset.drawn = 'true';
      drawn.current?.(canvas);
    };
    draw().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [platform.data, parsed, input, cssW, cssH, scale, seen]);
  return <canvas ref={ref} style={{ width: cssW, height: cssH }} role="img" aria-label={label} />;
}
