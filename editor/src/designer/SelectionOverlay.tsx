// The interactive overlay above the template: hover outline, snapping guides, the marquee
// and the transformer. These are editor chrome, not template content, so Konva's own
// shapes draw them; their sizes are divided by the zoom to stay constant on screen.
import type { ImageNode, SceneNode } from '@layercast/engine';
import type Konva from 'konva';
import { useEffect, useRef } from 'react';
import { Group, Line, Rect, Text, Transformer } from 'react-konva';
import { konvaFrame } from '../engine/konva-frame';
import type { Box, Guide, Measure } from '../state/snapping';

export const ACCENT = '#4f46e5';
const GUIDE = '#ec4899';

export function HoverOutline({
  node,
  zoom,
}: {
  node: Pick<SceneNode, 'frame' | 'width' | 'height'> | undefined;
  zoom: number;
}) {
  if (!node) return null;
  return (
    <Rect
      {...konvaFrame(node)}
      width={node.width}
      height={node.height}
      stroke={ACCENT}
      strokeWidth={1.5 / zoom}
      listening={false}
    />
  );
}

export function GuideLines({ guides, zoom }: { guides: Guide[]; zoom: number }) {
  return (
    <Group listening={false}>
      {guides.map((g) => (
        <Line
          key={`${g.axis}${g.pos}`}
          points={g.axis === 'x' ? [g.pos, g.start, g.pos, g.end] : [g.start, g.pos, g.end, g.pos]}
          stroke={GUIDE}
          strokeWidth={1 / zoom}
          dash={[4 / zoom, 3 / zoom]}
        />
      ))}
    </Group>
  );
}

/**
 * Distances while dragging: a line from the moving layers to each neighbour (or the canvas
 * edge) with its length in canvas pixels on a pill, constant size on screen at any zoom.
 */
export function DistanceLabels({ measures, zoom }: { measures: Measure[]; zoom: number }) {
  const font = 11 / zoom;
  const tick = 4 / zoom;
  return (
    <Group listening={false} name="distance-labels">
      {measures.map((m) => {
        const mid = (m.from + m.to) / 2;
        const label = String(m.length);
        const w = (label.length * 6.6 + 8) / zoom;
        const h = 16 / zoom;
        const [lx, ly] = m.axis === 'x' ? [mid - w / 2, m.at + 4 / zoom] : [m.at + 4 / zoom, mid - h / 2];
        const line = m.axis === 'x' ? [m.from, m.at, m.to, m.at] : [m.at, m.from, m.at, m.to];
        const ticks =
          m.axis === 'x'
            ? [
                [m.from, m.at - tick, m.from, m.at + tick],
                [m.to, m.at - tick, m.to, m.at + tick],
              ]
            : [
                [m.at - tick, m.from, m.at + tick, m.from],
                [m.at - tick, m.to, m.at + tick, m.to],
              ];
        return (
          <Group key={`${m.axis}${m.from}${m.to}`}>
            <Line points={line} stroke={GUIDE} strokeWidth={1 / zoom} />
            {ticks.map((points) => (
              <Line key={points.join()} points={points} stroke={GUIDE} strokeWidth={1 / zoom} />
            ))}
            <Rect x={lx} y={ly} width={w} height={h} cornerRadius={3 / zoom} fill={GUIDE} />
            <Text
              x={lx}
              y={ly}
              width={w}
              height={h}
              text={label}
              fontSize={font}
              fontFamily="Layercast Inter, sans-serif"
              fill="#ffffff"
              align="center"
              verticalAlign="middle"
            />
          </Group>
        );
      })}
    </Group>
  );
}

export function Marquee({ box, zoom }: { box: Box | null; zoom: number }) {
  if (!box) return null;
  return <Rect {...box} fill="rgba(79, 70, 229, 0.08)" stroke={ACCENT} strokeWidth={1 / zoom} listening={false} />;
}

export interface SelectionTransformerProps {
  stage: Konva.Stage | null;
  /** Ids of the selected layers that are on the stage. */
  ids: string[];
  /** Locked layers show their box but no handles. */
  locked: boolean;
  sceneKey: unknown;
  onTransformStart(): void;
  onTransform(nodes: Konva.Node[]): void;
  onTransformEnd(): void;
  anchorDragBoundFunc: (oldPos: Konva.Vector2d, newPos: Konva.Vector2d) => Konva.Vector2d;
}

export function SelectionTransformer(props: SelectionTransformerProps) {
  const ref = useRef<Konva.Transformer>(null);
  const { stage, ids, sceneKey } = props;
  // biome-ignore lint/correctness/useExhaustiveDependencies: sceneKey re-attaches after a redraw
  useEffect(() => {
    const tr = ref.current;
    if (!tr || !stage) return;
    const nodes = ids.map((id) => stage.findOne(`#${id}`)).filter((n): n is Konva.Node => n !== undefined);
    tr.nodes(nodes);
    tr.getLayer()?.batchDraw();
  }, [stage, ids.join(','), sceneKey]);
  return (
    <Transformer
      ref={ref}
      name="selection-transformer"
      rotateEnabled={!props.locked}
      resizeEnabled={!props.locked}
      keepRatio={false}
      rotationSnaps={[0, 45, 90, 135, 180, 225, 270, 315]}
      rotationSnapTolerance={4}
      borderStroke={ACCENT}
      borderStrokeWidth={1.5}
      anchorStroke={ACCENT}
      anchorFill="#ffffff"
      anchorSize={9}
      anchorCornerRadius={2}
      rotateAnchorOffset={28}
      ignoreStroke
      flipEnabled={false}
      boundBoxFunc={(oldBox, newBox) => (Math.abs(newBox.width) < 4 || Math.abs(newBox.height) < 4 ? oldBox : newBox)}
      anchorDragBoundFunc={props.anchorDragBoundFunc}
      onTransformStart={props.onTransformStart}
      onTransform={() => props.onTransform(ref.current?.nodes() ?? [])}
      onTransformEnd={props.onTransformEnd}
    />
  );
}

/**
 * Where an image layer has nothing to draw (no source yet, or it failed), a dashed
 * placeholder shows its box. It is editor chrome: the server draws nothing there.
 */
export function EmptyImagePlaceholders({ nodes, zoom }: { nodes: SceneNode[]; zoom: number }) {
  return (
    <Group listening={false}>
      {nodes
        .filter((n): n is ImageNode => n.type === 'image' && n.draw === null)
        .map((n) => (
          <Group key={n.id} {...konvaFrame(n)}>
            <Rect
              width={n.width}
              height={n.height}
              fill="rgba(99, 102, 241, 0.06)"
              stroke="#a5b4fc"
              strokeWidth={1.5 / zoom}
              dash={[6 / zoom, 4 / zoom]}
            />
            <Text
              width={n.width}
              height={n.height}
              align="center"
              verticalAlign="middle"
              text={n.src ? 'Image failed to load' : 'Image: set a URL or upload'}
              fontSize={Math.max(10, Math.min(14 / zoom, n.height / 6))}
              fill="#6366f1"
              padding={4}
            />
          </Group>
        ))}
    </Group>
  );
}
