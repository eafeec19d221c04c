// The stage: the template drawn by the engine, and the overlay of editor chrome above it.
// Each interaction is its own hook (canvas/): dragging layers with snapping, the
// transformer's resize and rotate, marquee selection, zoom and pan, and image drops.
import { paintBackground } from '@layercast/engine';
import type Konva from 'konva';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { Group, Layer as KonvaLayer, Rect, Shape, Stage } from 'react-konva';
import { toCanvasPoint } from '../state/viewport';
import { Menu } from '../ui/Menu';
import { canvasEntries, selectionEntries } from './arrange-menus';
import { canvasModel, nodeAt, unitOf, unitShape } from './canvas/canvas-model';
import { CropOverlay, cropTarget } from './canvas/CropOverlay';
import { TestHook } from './canvas/TestHook';
import { useImageDrop } from './canvas/use-image-drop';
import { useLayerDrag } from './canvas/use-layer-drag';
import { useMarquee } from './canvas/use-marquee';
import { useTransformSnap } from './canvas/use-transform-snap';
import { useViewportGestures } from './canvas/use-viewport-gestures';
import { useDesigner, useDoc, useSceneState, useUi } from './context';
import { GroupHandle, LayerShape } from './LayerShape';
import { TextEditOverlay } from './TextEditOverlay';
import {
  DistanceLabels,
  EmptyImagePlaceholders,
  GuideLines,
  HoverOutline,
  Marquee,
  SelectionTransformer,
} from './SelectionOverlay';
import { CanvasScrollbars } from './canvas/Scrollbars';
import { useElementSize } from './use-element-size';
import { useSpaceHeld } from './use-space-held';

export function DesignerCanvas() {
  const { ui, actions } = useDesigner();
  const doc = useDoc();
  const { scene, images } = useSceneState();
  const { zoom, panX, panY } = useUi((s) => s.viewport);
  const selectedIds = useUi((s) => s.selectedIds);
  const guides = useUi((s) => s.guides);
  const measures = useUi((s) => s.measures);
  const croppingId = useUi((s) => s.croppingId);
  const wrapRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const contentRef = useRef<Konva.Layer>(null);
  const size = useElementSize(wrapRef);
  const spaceHeld = useSpaceHeld();
  const [hoverId, setHoverId] = useState<string | null>(null);
  // The Stage mounts only once the wrapper has a size, so the transformer learns of it
  // through a callback ref rather than an effect on first render.
  const [stage, setStage] = useState<Konva.Stage | null>(null);
  const attachStage = (s: Konva.Stage | null) => {
    stageRef.current = s;
    if (s !== stage) setStage(s);
  };

  const enteredGroupId = useUi((s) => s.enteredGroupId);
  const model = useMemo(() => canvasModel(doc, scene, enteredGroupId), [doc, scene, enteredGroupId]);
  const { width: cw, height: ch } = doc.canvas;
  const drag = useLayerDrag(model, spaceHeld);
  const transform = useTransformSnap(model);
  const marquee = useMarquee(model, stageRef, spaceHeld);
  const gestures = useViewportGestures(stageRef, size, doc.canvas);
  const drop = useImageDrop(wrapRef, doc.canvas);

  const selectedOnStage = selectedIds.filter((id) => model.nodesById.has(id) || model.groupsById.has(id));
  const selectionLocked = selectedOnStage.some((id) => model.layersById.get(id)?.locked);
  const hoverNode = hoverId && !selectedIds.includes(hoverId) ? unitShape(model, hoverId) : undefined;
  // A group's handle goes right above its topmost drawn child, so the z-order of clicks is the drawing's.
  const units = scene.nodes.map((n) => unitOf(model, n.id));
  const lastOfUnit = new Map(units.map((u, i) => [u, i]));
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  /** Right-click: on a layer, the selection's menu (selecting the layer first); elsewhere the canvas's. */
  const onContextMenu = (evt: Konva.KonvaEventObject<PointerEvent>) => {
    evt.evt.preventDefault();
    // The transformer's box lies over the selected layers: a press there is on the selection.
    const onSelection = evt.target.findAncestor('.selection-transformer') != null;
    const id = evt.target.name() === 'template-layer' ? evt.target.id() : null;
    if (id && !ui.getState().selectedIds.includes(id)) ui.getState().select([id]);
    if (!id && !onSelection) ui.getState().select([]);
    setMenu({ x: evt.evt.clientX, y: evt.evt.clientY });
  };
  const menuLayers = selectedIds.map((id) => model.layersById.get(id)).filter((l) => l !== undefined);
  /**
   * A double-click edits a text layer's text in place, enters an image layer's crop mode,
   * and enters a group, picking the child under the pointer.
   */
  const editLayer = (id: string) => {
    const layer = model.layersById.get(id);
    if (layer?.type === 'text') ui.getState().setEditingText(id);
    if (layer?.type === 'image') ui.getState().setCropping(id);
    if (layer?.type === 'group') {
      const p = stageRef.current?.getRelativePointerPosition();
      const hit = p ? nodeAt(model, id, p.x, p.y) : undefined;
      ui.getState().enterGroup(id);
      if (hit) ui.getState().select([unitOf({ ...model, enteredGroupId: id }, hit.id)]);
    }
  };
  const crop = cropTarget(croppingId, model, images);
  // Crop mode asked for a layer it cannot crop (deleted, not an image, not loaded): none.
  useEffect(() => {
    if (croppingId && !crop) ui.getState().setCropping(null);
  }, [croppingId, crop, ui]);

  return (
    <div
      ref={wrapRef}
      className={`stage-wrap${spaceHeld ? ' is-panning' : ''}${drop.dropping ? ' is-dropping' : ''}`}
      data-testid="stage"
      data-zoom={zoom.toFixed(4)}
      role="application"
      aria-label="Template canvas: drop an image file to add it"
      {...drop.dropHandlers}
      {...gestures.touchHandlers}
      onPointerMove={(e) => {
        const r = wrapRef.current?.getBoundingClientRect();
        if (r) ui.getState().setCursor(toCanvasPoint(ui.getState().viewport, e.clientX - r.left, e.clientY - r.top));
      }}
      onPointerLeave={() => ui.getState().setCursor(null)}
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
          onWheel={gestures.onWheel}
          onMouseDown={marquee.onStageMouseDown}
          onMouseMove={marquee.onStageMouseMove}
          onDragEnd={gestures.onStageDragEnd}
          onContextMenu={onContextMenu}
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
              {scene.nodes.map((node, i) => {
                // In crop mode the overlay shows the draft in the layer's place.
                if (node.id === crop?.node.id) return null;
                const unit = units[i] ?? node.id;
                const own = unit === node.id;
                const locked = !own || (model.layersById.get(node.id)?.locked ?? false);
                const group = !own && lastOfUnit.get(unit) === i ? model.groupsById.get(unit) : undefined;
                const groupLocked = model.layersById.get(unit)?.locked ?? false;
                return (
                  <Fragment key={node.id}>
                    <LayerShape
                      node={node}
                      images={images.images}
                      locked={locked}
                      draggable={!locked && !spaceHeld}
                      onPointerDown={drag.onPointerDown}
                      onDragStart={drag.onDragStart}
                      onDragMove={drag.onDragMove}
                      onDragEnd={drag.onDragEnd}
                      onHover={setHoverId}
                      onDoubleClick={editLayer}
                    />
                    {group && (
                      <GroupHandle
                        group={group}
                        locked={groupLocked}
                        draggable={!groupLocked && !spaceHeld}
                        onPointerDown={drag.onPointerDown}
                        onDragStart={drag.onDragStart}
                        onDragMove={drag.onDragMove}
                        onDragEnd={drag.onDragEnd}
                        onHover={setHoverId}
                        onDoubleClick={editLayer}
                      />
                    )}
                  </Fragment>
                );
              })}
            </Group>
          </KonvaLayer>
          <KonvaLayer name="overlay">
            <EmptyImagePlaceholders nodes={scene.nodes} zoom={zoom} />
            <HoverOutline node={hoverNode} zoom={zoom} />
            <GuideLines guides={guides} zoom={zoom} />
            <DistanceLabels measures={measures} zoom={zoom} />
            <Marquee box={marquee.box} zoom={zoom} />
            {crop && <CropOverlay key={crop.node.id} stage={stage} zoom={zoom} {...crop} />}
            <SelectionTransformer
              stage={stage}
              ids={crop ? [] : selectedOnStage}
              locked={selectionLocked}
              sceneKey={scene}
              onTransformStart={transform.onTransformStart}
              onTransform={transform.onTransform}
              onTransformEnd={transform.onTransformEnd}
              anchorDragBoundFunc={transform.anchorDragBoundFunc}
            />
          </KonvaLayer>
        </Stage>
      )}
      {size.width > 0 && <CanvasScrollbars width={size.width} height={size.height} canvas={doc.canvas} />}
      {drop.dropError && (
        <div className="canvas-toast error-note" role="alert">
          {drop.dropError}
        </div>
      )}
      <TextEditOverlay />
      {menu && (
        <Menu
          x={menu.x}
          y={menu.y}
          label={menuLayers.length ? 'Layer actions' : 'Canvas actions'}
          testId="context-menu"
          entries={menuLayers.length ? selectionEntries(actions, menuLayers) : canvasEntries(actions)}
          onClose={() => setMenu(null)}
        />
      )}
      {import.meta.env.MODE === 'e2e' && <TestHook contentRef={contentRef} />}
    </div>
  );
}
