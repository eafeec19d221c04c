// One template layer on the stage: a Konva Shape whose sceneFunc is the engine's
// paintLayer on the native 2D context, with the engine's layout node. Konva places the
// local frame layout computed (`node.frame`: centre, pivot, rotation) and handles hits,
// drags and the transformer.
import { lineHitShapes, paintLayer } from '@layercast/engine';
import type { GroupBox, PaintImages, SceneNode } from '@layercast/engine';
import { browserLayerSurfaces } from '@layercast/engine/browser';
import type Konva from 'konva';
import { memo } from 'react';
import { Shape } from 'react-konva';
import { konvaFrame } from '../engine/konva-frame';

export interface LayerShapeProps {
  node: SceneNode;
  images: PaintImages;
  /** Locked, or inside a group that is picked as a whole: drawn, but clicks go through. */
  locked: boolean;
  draggable: boolean;
  onPointerDown(id: string, evt: Konva.KonvaEventObject<MouseEvent | TouchEvent>): void;
  onDragStart(id: string, evt: Konva.KonvaEventObject<DragEvent>): void;
  onDragMove(id: string, evt: Konva.KonvaEventObject<DragEvent>): void;
  onDragEnd(id: string, evt: Konva.KonvaEventObject<DragEvent>): void;
  onHover(id: string | null): void;
  onDoubleClick(id: string): void;
}

export const LayerShape = memo(function LayerShape(props: LayerShapeProps) {
  const { node, images, locked } = props;
  const { width: w, height: h } = node;
  return (
    <Shape
      id={node.id}
      name="template-layer"
      {...konvaFrame(node)}
      width={w}
      height={h}
      // Locked layers are drawn but let clicks through to what is behind them.
      listening={!locked}
      draggable={props.draggable}
      perfectDrawEnabled={false}
      sceneFunc={(ctx) => {
        // Konva has set the transform to the node's local frame; the engine draws from here.
        paintLayer(ctx._context, node, images, { layerSurfaces: browserLayerSurfaces });
      }}
      hitFunc={(ctx, shape) => {
        ctx.beginPath();
        if (node.type === 'line') {
          // A line is picked along itself, not anywhere in its box.
          for (const outline of lineHitShapes(node)) {
            for (const [i, p] of outline.entries()) {
              if (i === 0) ctx.moveTo(p.x, p.y);
              else ctx.lineTo(p.x, p.y);
            }
            ctx.closePath();
          }
        } else {
          ctx.rect(0, 0, w, h);
          ctx.closePath();
        }
        ctx.fillStrokeShape(shape);
      }}
      onMouseDown={(e) => props.onPointerDown(node.id, e)}
      onTouchStart={(e) => props.onPointerDown(node.id, e)}
      onDragStart={(e) => props.onDragStart(node.id, e)}
      onDragMove={(e) => props.onDragMove(node.id, e)}
      onDragEnd={(e) => props.onDragEnd(node.id, e)}
      onMouseEnter={() => props.onHover(node.id)}
      onMouseLeave={() => props.onHover(null)}
      onDblClick={() => props.onDoubleClick(node.id)}
    />
  );
});

export interface GroupHandleProps extends Omit<LayerShapeProps, 'node' | 'images'> {
  group: GroupBox;
}

/**
 * A group on the stage: draws nothing (its children are drawn as layers) but takes the
 * clicks, drags and transformer of its box above them, so the group moves as one.
 */
export const GroupHandle = memo(function GroupHandle(props: GroupHandleProps) {
  const { group } = props;
  return (
    <Shape
      id={group.id}
      name="template-layer"
      {...konvaFrame(group)}
      width={group.width}
      height={group.height}
      listening={!props.locked}
      draggable={props.draggable}
      perfectDrawEnabled={false}
      sceneFunc={() => {}}
      hitFunc={(ctx, shape) => {
        ctx.beginPath();
        ctx.rect(0, 0, group.width, group.height);
        ctx.closePath();
        ctx.fillStrokeShape(shape);
      }}
      onMouseDown={(e) => props.onPointerDown(group.id, e)}
      onTouchStart={(e) => props.onPointerDown(group.id, e)}
      onDragStart={(e) => props.onDragStart(group.id, e)}
      onDragMove={(e) => props.onDragMove(group.id, e)}
      onDragEnd={(e) => props.onDragEnd(group.id, e)}
      onMouseEnter={() => props.onHover(group.id)}
      onMouseLeave={() => props.onHover(null)}
      onDblClick={() => props.onDoubleClick(group.id)}
    />
  );
});
