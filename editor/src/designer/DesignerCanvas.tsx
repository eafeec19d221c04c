// The stage: the template drawn by the engine, with selection, dragging with snapping,
// the transformer, marquee selection, zoom (wheel, pinch, fit, 100 %) and space-drag pan.
import { type SceneNode, paintBackground } from '@layercast/engine';
import type { Layer } from '@layercast/shared';
import type Konva from 'konva';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Group, Layer as KonvaLayer, Rect, Shape, Stage } from 'react-konva';
import { api } from '../api/client';
import { updateLayers } from '../state/layer-ops';
import { clickSelect, marqueeBox, marqueeSelect } from '../state/selection';
import { type Box, guidesFor, rotatedBounds, snapBox, snapValue, unionBounds } from '../state/snapping';
import { fitViewport, toCanvasPoint, zoomAround } from '../state/viewport';
import { useDesigner, useDoc, useSceneState, useUi } from './context';
import { LayerShape } from './LayerShape';
import { EmptyImagePlaceholders, GuideLines, HoverOutline, Marquee, SelectionTransformer } from './SelectionOverlay';
import { useElementSize } from './use-element-size';
import { useSpaceHeld } from './use-space-held';

const SNAP_PX = 6;
const round2 = (v: number) => Math.round(v * 100) / 100;
const boundsOf = (n: SceneNode): Box => rotatedBounds(n, n.rotation);

interface DragState {
  starts: Map<string, { x: number; y: number }>;
  node: { x: number; y: number };
  /** Bounds of the moving layers at the start, and of everything else (snap targets). */
  moving: Box;
  others: Box[];
}

export function DesignerCanvas() {
  const { docs, ui, actions } = useDesigner();
  const doc = useDoc();
  const { scene, images } = useSceneState();
  const viewport = useUi((s) => s.viewport);
  const fitted = useUi((s) => s.fitted);
  const selectedIds = useUi((s) => s.selectedIds);
  const guides = useUi((s) => s.guides);
  const wrapRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const contentRef = useRef<Konva.Layer>(null);
  const size = useElementSize(wrapRef);
  const spaceHeld = useSpaceHeld();
  const [hoverId, setHoverId] = useState<string | null>(null);
  const [marquee, setMarquee] = useState<{ x0: number; y0: number; box: Box; additive: boolean } | null>(null);
  const drag = useRef<DragState | null>(null);
  // The Stage mounts only once the wrapper has a size, so the transformer learns of it
  // through a callback ref rather than an effect on first render.
  const [stage, setStage] = useState<Konva.Stage | null>(null);
  const attachStage = (s: Konva.Stage | null) => {
    stageRef.current = s;
    if (s !== stage) setStage(s);
  };

  const [dropping, setDropping] = useState(false);
  const [dropError, setDropError] = useState<string | null>(null);
  /** A dropped image file is uploaded, then placed as an image layer centred where it fell. */
  const onDropImage = async (file: File, at: { x: number; y: number }) => {
    setDropError(null);
    try {
      const asset = await api.assets.upload(file);
      const scale = Math.min(1, (cw * 0.5) / asset.width, (ch * 0.5) / asset.height);
      const width = Math.max(1, Math.round(asset.width * scale));
      const height = Math.max(1, Math.round(asset.height * scale));
      actions.addLayer('image', {
        src: asset.url,
        width,
        height,
        x: Math.round(at.x - width / 2),
        y: Math.round(at.y - height / 2),
        objectFit: 'contain',
      });
    } catch (error) {
      setDropError(error instanceof Error ? error.message : 'The upload failed');
    }
  };

  const layersById = useMemo(() => new Map(doc.layers.map((l) => [l.id, l])), [doc.layers]);
  const nodesById = useMemo(() => new Map(scene.nodes.map((n) => [n.id, n])), [scene.nodes]);
  const { width: cw, height: ch } = doc.canvas;

  // Fit the canvas in view until the user zooms or pans by hand.
  useEffect(() => {
    if (fitted && size.width > 0 && size.height > 0)
      ui.getState().setViewport(fitViewport(cw, ch, size.width, size.height), true);
  }, [fitted, size.width, size.height, cw, ch, ui]);

  const { zoom, panX, panY } = viewport;
  const pointer = () => {
    const p = stageRef.current?.getPointerPosition();
    return p ? toCanvasPoint(ui.getState().viewport, p.x, p.y) : null;
  };

  const onPointerDown = (id: string, evt: Konva.KonvaEventObject<MouseEvent | TouchEvent>) => {
    if (spaceHeld) return;
    evt.cancelBubble = true;
    const additive = 'shiftKey' in evt.evt && evt.evt.shiftKey;
    const current = ui.getState().selectedIds;
    // Pressing an already-selected layer keeps the selection so the whole group drags.
    if (!additive && current.includes(id)) return;
    ui.getState().select(clickSelect(current, id, additive));
  };

  const onDragStart = (id: string, evt: Konva.KonvaEventObject<DragEvent>) => {
    const selection = ui.getState().selectedIds.includes(id) ? ui.getState().selectedIds : [id];
    const moving = selection.map((sid) => layersById.get(sid)).filter((l): l is Layer => !!l && !l.locked);
    const starts = new Map(moving.map((l) => [l.id, { x: l.x, y: l.y }]));
    const movingIds = new Set(starts.keys());
    const movingBounds = unionBounds(scene.nodes.filter((n) => movingIds.has(n.id)).map(boundsOf));
    if (!movingBounds) return;
    drag.current = {
      starts,
      node: { x: evt.target.x(), y: evt.target.y() },
      moving: movingBounds,
      others: scene.nodes.filter((n) => !movingIds.has(n.id)).map(boundsOf),
    };
    docs.getState().beginGesture();
  };

  const onDragMove = (_id: string, evt: Konva.KonvaEventObject<DragEvent>) => {
    const d = drag.current;
    if (!d) return;
    let dx = evt.target.x() - d.node.x;
    let dy = evt.target.y() - d.node.y;
    const alt = evt.evt?.altKey;
    const moved = { ...d.moving, x: d.moving.x + dx, y: d.moving.y + dy };
    const snap = alt
      ? { dx: 0, dy: 0, guides: [] }
      : snapBox(moved, d.others, { x: 0, y: 0, width: cw, height: ch }, SNAP_PX / zoom);
    // Whole pixels, as designers expect from a drag at any zoom (the inspector takes decimals).
    dx = Math.round(dx + snap.dx);
    dy = Math.round(dy + snap.dy);
    evt.target.position({ x: d.node.x + dx, y: d.node.y + dy });
    ui.getState().setGuides(snap.guides);
    docs.getState().preview((doc) =>
      updateLayers(doc, [...d.starts.keys()], (l) => {
        const s = d.starts.get(l.id);
        return s ? ({ ...l, x: round2(s.x + dx), y: round2(s.y + dy) } as Layer) : l;
      }),
    );
  };

  const onDragEnd = () => {
    drag.current = null;
    ui.getState().setGuides([]);
    docs.getState().endGesture();
  };

  const onTransform = (nodes: Konva.Node[]) => {
    const patches = new Map<string, Partial<Layer>>();
    for (const n of nodes) {
      const w = Math.max(1, Math.round(n.width() * n.scaleX()));
      const h = Math.max(1, Math.round(n.height() * n.scaleY()));
      // Text boxes get a new size, never a scaled font: the scale is folded into width/height.
      n.setAttrs({ scaleX: 1, scaleY: 1, width: w, height: h, offsetX: w / 2, offsetY: h / 2 });
      let rotation = round2(n.rotation() % 360);
      if (rotation > 180) rotation -= 360;
      if (rotation <= -180) rotation += 360;
      patches.set(n.id(), {
        x: Math.round(n.x() - w / 2),
        y: Math.round(n.y() - h / 2),
        width: w,
        height: h,
        rotation,
      });
    }
    docs
      .getState()
      .preview((doc) => updateLayers(doc, [...patches.keys()], (l) => ({ ...l, ...patches.get(l.id) }) as Layer));
    const boxes = [...patches.values()].map((p) => rotatedBounds(p as Box, p.rotation ?? 0));
    const union = unionBounds(boxes);
    const others = scene.nodes.filter((n) => !patches.has(n.id)).map(boundsOf);
    if (union)
      ui.getState().setGuides(guidesFor(union, [{ x: 0, y: 0, width: cw, height: ch }, ...others], true, true));
  };

  /** Resize handles snap to the canvas and other layers when nothing is rotated. */
  const anchorDragBoundFunc = (_old: Konva.Vector2d, pos: Konva.Vector2d): Konva.Vector2d => {
    const v = ui.getState().viewport;
    const sel = new Set(ui.getState().selectedIds);
    if ([...sel].some((id) => (nodesById.get(id)?.rotation ?? 0) % 360 !== 0)) return pos;
    const targets = [{ x: 0, y: 0, width: cw, height: ch }, ...scene.nodes.filter((n) => !sel.has(n.id)).map(boundsOf)];
    const p = toCanvasPoint(v, pos.x, pos.y);
    const t = SNAP_PX / v.zoom;
    return {
      x: snapValue(p.x, targets, 'x', t) * v.zoom + v.panX,
      y: snapValue(p.y, targets, 'y', t) * v.zoom + v.panY,
    };
  };

  const onStageMouseDown = (evt: Konva.KonvaEventObject<MouseEvent>) => {
    if (spaceHeld || evt.evt.button !== 0) return;
    const targetName = evt.target.name();
    if (evt.target !== evt.target.getStage() && targetName !== 'canvas-background') return;
    const p = pointer();
    if (!p) return;
    setMarquee({ x0: p.x, y0: p.y, box: marqueeBox(p.x, p.y, p.x, p.y), additive: evt.evt.shiftKey });
  };
  const onStageMouseMove = () => {
    if (!marquee) return;
    const p = pointer();
    if (p) setMarquee({ ...marquee, box: marqueeBox(marquee.x0, marquee.y0, p.x, p.y) });
  };
  const onStageMouseUp = () => {
    if (!marquee) return;
    const { box, additive } = marquee;
    setMarquee(null);
    if (box.width * zoom < 3 && box.height * zoom < 3) {
      if (!additive) ui.getState().select([]);
      return;
    }
    const items = scene.nodes.map((n) => ({
      id: n.id,
      bounds: boundsOf(n),
      locked: layersById.get(n.id)?.locked ?? false,
    }));
    ui.getState().select(marqueeSelect(items, box, ui.getState().selectedIds, additive));
  };

  // The button may be released over a side panel, outside the stage: finish there too.
  const finishMarquee = useRef(onStageMouseUp);
  finishMarquee.current = onStageMouseUp;
  const marqueeActive = marquee !== null;
  useEffect(() => {
    if (!marqueeActive) return;
    const up = () => finishMarquee.current();
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, [marqueeActive]);

  const onWheel = (evt: Konva.KonvaEventObject<WheelEvent>) => {
    evt.evt.preventDefault();
    const p = stageRef.current?.getPointerPosition();
    if (!p) return;
    // Pinch on a trackpad arrives as a wheel event with ctrlKey and small deltas.
    const speed = evt.evt.ctrlKey ? 0.01 : 0.0015;
    const factor = Math.exp(-evt.evt.deltaY * speed);
    ui.getState().setViewport(zoomAround(ui.getState().viewport, factor, p.x, p.y));
  };

  const onStageDragEnd = (evt: Konva.KonvaEventObject<DragEvent>) => {
    if (evt.target !== stageRef.current) return;
    ui.getState().setViewport({ zoom, panX: evt.target.x(), panY: evt.target.y() });
  };

  const selectedOnStage = selectedIds.filter((id) => nodesById.has(id));
  const selectionLocked = selectedOnStage.some((id) => layersById.get(id)?.locked);
  const hoverNode = hoverId && !selectedIds.includes(hoverId) ? nodesById.get(hoverId) : undefined;

  return (
    <div
      ref={wrapRef}
      className={`stage-wrap${spaceHeld ? ' is-panning' : ''}${dropping ? ' is-dropping' : ''}`}
      data-testid="stage"
      data-zoom={zoom.toFixed(4)}
      role="application"
      aria-label="Template canvas: drop an image file to add it"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(e) => {
        const file = [...e.dataTransfer.files].find((f) => f.type.startsWith('image/'));
        setDropping(false);
        if (!file) return;
        e.preventDefault();
        const rect = wrapRef.current?.getBoundingClientRect();
        const at = rect
          ? toCanvasPoint(ui.getState().viewport, e.clientX - rect.left, e.clientY - rect.top)
          : { x: cw / 2, y: ch / 2 };
        onDropImage(file, at);
      }}
    >
      {size.width > 0 && (
        <Stage
          ref={attachStage}
          width={size.width}
          height={size.height}
          scaleX={zoom}
          scaleY={zoom}
          x={panX}
          y={panY}
          draggable={spaceHeld}
          onWheel={onWheel}
          onMouseDown={onStageMouseDown}
          onMouseMove={onStageMouseMove}
          onDragEnd={onStageDragEnd}
        >
          <KonvaLayer listening={false}>
            <Rect
              x={0}
              y={0}
              width={cw}
              height={ch}
              fill="#ffffff"
              shadowColor="rgba(15, 23, 42, 0.18)"
              shadowBlur={24 / zoom}
              shadowOffsetY={4 / zoom}
            />
          </KonvaLayer>
          <KonvaLayer ref={contentRef} name="template-content">
            <Group clipX={0} clipY={0} clipWidth={cw} clipHeight={ch}>
              <Shape
                name="canvas-background"
                width={cw}
                height={ch}
                perfectDrawEnabled={false}
                sceneFunc={(ctx) => paintBackground(ctx._context, scene, images.images)}
                hitFunc={(ctx, shape) => {
                  ctx.beginPath();
                  ctx.rect(0, 0, cw, ch);
                  ctx.closePath();
                  ctx.fillStrokeShape(shape);
                }}
              />
              {scene.nodes.map((node) => {
                const layer = layersById.get(node.id);
                const locked = layer?.locked ?? false;
                return (
                  <LayerShape
                    key={node.id}
                    node={node}
                    images={images.images}
                    locked={locked}
                    draggable={!locked && !spaceHeld}
                    onPointerDown={onPointerDown}
                    onDragStart={onDragStart}
                    onDragMove={onDragMove}
                    onDragEnd={onDragEnd}
                    onHover={setHoverId}
                    onDoubleClick={(id) => window.dispatchEvent(new CustomEvent('layercast:edit-text', { detail: id }))}
                  />
                );
              })}
            </Group>
          </KonvaLayer>
          <KonvaLayer name="overlay">
            <EmptyImagePlaceholders nodes={scene.nodes} zoom={zoom} />
            <HoverOutline node={hoverNode} zoom={zoom} />
            <GuideLines guides={guides} zoom={zoom} />
            <Marquee box={marquee?.box ?? null} zoom={zoom} />
            <SelectionTransformer
              stage={stage}
              ids={selectedOnStage}
              locked={selectionLocked}
              sceneKey={scene}
              onTransformStart={() => docs.getState().beginGesture()}
              onTransform={onTransform}
              onTransformEnd={() => {
                ui.getState().setGuides([]);
                docs.getState().endGesture();
              }}
              anchorDragBoundFunc={anchorDragBoundFunc}
            />
          </KonvaLayer>
        </Stage>
      )}
      {dropError && (
        <div className="canvas-toast error-note" role="alert">
          {dropError}
        </div>
      )}
      <CanvasExportHook contentRef={contentRef} />
    </div>
  );
}

/**
 * Test hook: the template as the editor draws it, at 100 % and device pixel ratio 1, from
 * the same Konva layer the user sees (the parity test compares it with the server's PNG).
 */
function CanvasExportHook({ contentRef }: { contentRef: React.RefObject<Konva.Layer | null> }) {
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
