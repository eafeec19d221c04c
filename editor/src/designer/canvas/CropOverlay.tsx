// Crop mode for an image layer: the whole source image, dimmed, around the part that
// shows; drag the image to move the crop, the handles to resize the crop rectangle.
// Enter or a press anywhere outside commits (one undo step); Escape leaves it unchanged;
// other keys do nothing meanwhile.
// The layer itself is hidden meanwhile, so what shows is the draft.
import { type ImageNode, type ImageSizes, type PaintImage, type PaintImages, filteredImage } from '@layercast/engine';
import { browserLayerSurfaces } from '@layercast/engine/browser';
import type { ImageLayer, Layer } from '@layercast/shared';
import type Konva from 'konva';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Group, Rect, Shape, Transformer } from 'react-konva';
import { type CropDraft, commitCrop, moveImage, resizeCrop, startCrop } from '../../state/crop';
import { konvaFrame } from '../../engine/konva-frame';
import { useDesigner } from '../context';
import type { CanvasModel } from './canvas-model';

const ACCENT = '#2563eb';

interface CropOverlayProps {
  stage: Konva.Stage | null;
  layer: ImageLayer;
  node: ImageNode;
  image: PaintImage;
  natural: { width: number; height: number };
  zoom: number;
}

/** A bitmap to draw in crop mode: the image itself, or an SVG rasterised at its natural size. */
function bitmapOf(image: PaintImage): CanvasImageSource | null {
  const vector = image as { rasterize?: (width: number) => { image: unknown }; width?: number };
  if (typeof vector.rasterize !== 'function') return image as CanvasImageSource;
  try {
    return vector.rasterize(vector.width ?? 512).image as CanvasImageSource;
  } catch {
    return null;
  }
}

export function CropOverlay({ stage, layer, node, image, natural, zoom }: CropOverlayProps) {
  const { ui, actions } = useDesigner();
  const [draft, setDraft] = useState<CropDraft | null>(() => startCrop(node, natural));
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const group = useRef<Konva.Group>(null);
  const cropRect = useRef<Konva.Rect>(null);
  const transformer = useRef<Konva.Transformer>(null);
  // The layer's filters, as the engine applies them (the blur given in layer pixels).
  const bitmap = useMemo(() => {
    const raw = bitmapOf(image);
    const { filters, draw } = node;
    if (!raw || !filters || !draw) return raw;
    const blurPx = (filters.blur * draw.source.width) / draw.dest.width;
    const filtered = filteredImage(raw, natural.width, natural.height, filters, blurPx, browserLayerSurfaces);
    return (filtered as CanvasImageSource | null) ?? raw;
  }, [image, node, natural]);

  // Commit and cancel read the latest draft (crop mode is modal, so the layer stays put).
  const finish = useRef<(commit: boolean) => void>(() => {});
  finish.current = (commit) => {
    const current = draftRef.current;
    ui.getState().setCropping(null);
    if (commit && current) actions.updateLayers([layer.id], () => commitCrop(layer, node, current) as Layer);
  };

  useEffect(() => {
    const tr = transformer.current;
    if (tr && cropRect.current) tr.nodes([cropRect.current]);
  }, []);

  useEffect(() => {
    // Crop mode is modal: its keys are Enter and Escape, and the designer's shortcuts (arrows
    // moving the layer, undo, Escape deselecting) wait until it ends.
    const onKey = (e: KeyboardEvent) => {
      e.stopImmediatePropagation();
      if (e.key !== 'Enter' && e.key !== 'Escape') return;
      e.preventDefault();
      finish.current(e.key === 'Enter');
    };
    /** A press outside the crop overlay commits, before the press does anything else. */
    const onPointerDown = (e: PointerEvent) => {
      const container = stage?.container();
      if (stage && container?.contains(e.target as Node)) {
        stage.setPointersPositions(e);
        const pos = stage.getPointerPosition();
        const hit = pos ? stage.getIntersection(pos) : null;
        if (hit && group.current && inside(hit, group.current)) return;
      }
      finish.current(true);
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, [stage]);

  if (!draft || !bitmap) return null;
  const { image: img, crop } = draft;
  const onResize = (r: Konva.Rect) => {
    const box = { x: r.x(), y: r.y(), width: r.width() * r.scaleX(), height: r.height() * r.scaleY() };
    r.scale({ x: 1, y: 1 });
    const next = resizeCrop(draft, box);
    r.position({ x: next.crop.x, y: next.crop.y });
    r.size({ width: next.crop.width, height: next.crop.height });
    setDraft(next);
  };
  const drawImage = (ctx: Konva.Context) => {
    ctx._context.drawImage(bitmap, 0, 0, img.width, img.height);
  };

  return (
    <Group ref={group} name="crop-overlay">
      <Group {...konvaFrame(node)}>
        <Group
          name="crop-image"
          x={img.x}
          y={img.y}
          draggable
          onDragMove={(e) => {
            const next = moveImage(draft, e.target.x(), e.target.y());
            e.target.position({ x: next.image.x, y: next.image.y });
            setDraft(next);
          }}
        >
          <Shape
            width={img.width}
            height={img.height}
            opacity={0.35}
            sceneFunc={drawImage}
            hitFunc={(ctx, shape) => {
              ctx.beginPath();
              ctx.rect(0, 0, img.width, img.height);
              ctx.closePath();
              ctx.fillStrokeShape(shape);
            }}
          />
          <Group clipFunc={(ctx) => maskClip(ctx, node, { ...crop, x: crop.x - img.x, y: crop.y - img.y })}>
            <Shape width={img.width} height={img.height} listening={false} sceneFunc={drawImage} />
          </Group>
        </Group>
        <Rect
          ref={cropRect}
          name="crop-rect"
          x={crop.x}
          y={crop.y}
          width={crop.width}
          height={crop.height}
          stroke={ACCENT}
          strokeWidth={1.5 / zoom}
          listening={false}
          onTransform={(e) => onResize(e.target as Konva.Rect)}
          onTransformEnd={(e) => onResize(e.target as Konva.Rect)}
        />
      </Group>
      <Transformer
        ref={transformer}
        name="crop-transformer"
        rotateEnabled={false}
        keepRatio={false}
        ignoreStroke
        flipEnabled={false}
        borderStroke={ACCENT}
        anchorStroke={ACCENT}
        anchorSize={10}
        enabledAnchors={[
          'top-left',
          'top-center',
          'top-right',
          'middle-right',
          'middle-left',
          'bottom-left',
          'bottom-center',
          'bottom-right',
        ]}
      />
    </Group>
  );
}

/** What crop mode needs of the layer `id`: it must be an image that has loaded. */
export function cropTarget(
  id: string | null,
  model: CanvasModel,
  images: { images: PaintImages; sizes: ImageSizes },
): Omit<CropOverlayProps, 'stage' | 'zoom'> | null {
  if (!id) return null;
  const layer = model.layersById.get(id);
  const node = model.nodesById.get(id);
  if (layer?.type !== 'image' || node?.type !== 'image' || !node.draw) return null;
  const image = images.images.get(node.src);
  const natural = images.sizes.get(node.src);
  return image && natural ? { layer, node, image, natural } : null;
}

/** The layer's mask on the crop rectangle, so the bright part looks as the layer will. */
function maskClip(ctx: Konva.Context, node: ImageNode, box: { x: number; y: number; width: number; height: number }) {
  const c = ctx._context;
  c.beginPath();
  if (node.mask === 'ellipse') {
    c.ellipse(box.x + box.width / 2, box.y + box.height / 2, box.width / 2, box.height / 2, 0, 0, Math.PI * 2);
  } else {
    c.roundRect(box.x, box.y, box.width, box.height, node.radii);
  }
}

function inside(node: Konva.Node, ancestor: Konva.Node): boolean {
  for (let n: Konva.Node | null = node; n; n = n.getParent()) if (n === ancestor) return true;
  return false;
}
