// The inspector for the selected layers: the fields every selected kind shares, edited
// together. Values that differ show as "Mixed" and take the new value on edit.
import { resizeGroup } from '../../state/groups';
import {
  type ImageLayer,
  LIMITS,
  type Layer,
  type LineLayer,
  type QrLayer,
  type RectLayer,
  type StarLayer,
  type TextLayer,
} from '@layercast/shared';
import { NumberInput, Toggle } from '../../ui/controls';
import { useDesigner } from '../context';
import { ShadowFields, StrokeFields } from './EffectsFields';
import { FillField } from './FillField';
import { ImageFields } from './ImageFields';
import { prop, sharedValue } from './shared-value';
import { TextFields } from './TextFields';
import { VariantOverrides } from './VariantOverrides';
import { LineFields, PolygonFields, QrFields, StarFields } from './VectorFields';

/** Kinds with a fill, stroke and shadow, as rectangles have. */
const FILLED = new Set<Layer['type']>(['rect', 'ellipse', 'polygon', 'star']);

const KIND_LABEL: Record<Layer['type'], string> = {
  text: 'Text',
  image: 'Image',
  rect: 'Rectangle',
  ellipse: 'Ellipse',
  line: 'Line',
  polygon: 'Polygon',
  star: 'Star',
  qr: 'QR code',
  group: 'Group',
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="inspector-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** A new size; a group's children scale with it. */
const sized = (l: Layer, width: number, height: number): Layer =>
  l.type === 'group' ? resizeGroup(l, width, height) : ({ ...l, width, height } as Layer);

export function LayerInspector({ layers }: { layers: Layer[] }) {
  const { actions } = useDesigner();
  const ids = layers.map((l) => l.id);
  const update = (patch: Record<string, unknown> | ((l: Layer) => Layer), key?: string) =>
    actions.updateLayers(ids, patch as Parameters<typeof actions.updateLayers>[1], key);
  const num = (k: string) => sharedValue(layers, prop(k)) as number | null;
  const types = new Set(layers.map((l) => l.type));
  const only = types.size === 1 ? [...types][0] : undefined;
  const shapes = layers.every((l) => FILLED.has(l.type));
  // Lines carry their stroke in their own section; QR codes and groups have none.
  const stroked = layers.every((l) => l.type !== 'line' && l.type !== 'qr' && l.type !== 'group');
  const shadowed = layers.every((l) => l.type !== 'qr' && l.type !== 'group');
  const title = layers.length === 1 ? `${KIND_LABEL[layers[0]!.type]} · ${layers[0]!.name}` : `${layers.length} layers`;
  const opacity = num('opacity');

  return (
    <div className="inspector" data-testid="layer-inspector">
      <div className="inspector-title">{title}</div>
      <VariantOverrides layers={layers} />
      <Section title="Layout">
        <div className="grid-2">
          <NumberInput
            label="X"
            unit="px"
            testId="prop-x"
            min={-LIMITS.coordinate}
            max={LIMITS.coordinate}
            value={num('x')}
            mixed={num('x') === null}
            onChange={(x) => update({ x })}
          />
          <NumberInput
            label="Y"
            unit="px"
            testId="prop-y"
            min={-LIMITS.coordinate}
            max={LIMITS.coordinate}
            value={num('y')}
            mixed={num('y') === null}
            onChange={(y) => update({ y })}
          />
          <NumberInput
            label="W"
            name="Width"
            unit="px"
            testId="prop-width"
            min={1}
            max={LIMITS.coordinate}
            value={num('width')}
            mixed={num('width') === null}
            onChange={(width) => update((l) => sized(l, width, l.height))}
          />
          <NumberInput
            label="H"
            name="Height"
            unit="px"
            testId="prop-height"
            min={1}
            max={LIMITS.coordinate}
            value={num('height')}
            mixed={num('height') === null}
            onChange={(height) => update((l) => sized(l, l.width, height))}
          />
          <NumberInput
            label="Rotate"
            unit="°"
            min={-LIMITS.rotation}
            max={LIMITS.rotation}
            value={num('rotation')}
            mixed={num('rotation') === null}
            onChange={(rotation) => update({ rotation })}
          />
          <NumberInput
            label="Opacity"
            unit="%"
            min={0}
            max={100}
            value={opacity === null ? null : Math.round(opacity * 1000) / 10}
            mixed={opacity === null}
            onChange={(v) => update({ opacity: v / 100 })}
          />
        </div>
        <div className="grid-2">
          <Toggle
            label="Visible"
            checked={sharedValue(layers, (l) => l.visible)}
            onChange={(visible) => update({ visible })}
          />
          <Toggle
            label="Locked"
            checked={sharedValue(layers, (l) => l.locked)}
            onChange={(locked) => update({ locked })}
          />
        </div>
      </Section>
      {only === 'text' && (
        <Section title="Text">
          <TextFields layers={layers as TextLayer[]} update={update} />
        </Section>
      )}
      {only === 'image' && (
        <Section title="Image">
          <ImageFields layers={layers as ImageLayer[]} update={update} />
        </Section>
      )}
      {shapes && (
        <Section title="Fill">
          <FillField
            label="Fill"
            value={sharedValue(layers, prop('fill')) as RectLayer['fill'] | null}
            onChange={(fill) => update({ fill })}
          />
          {only === 'polygon' && <PolygonFields layers={layers} update={update} />}
          {only === 'star' && <StarFields layers={layers as StarLayer[]} update={update} />}
          {only === 'rect' && (
            <NumberInput
              label="Corners"
              name="Corner radius"
              unit="px"
              min={0}
              max={LIMITS.coordinate}
              value={num('cornerRadius')}
              mixed={num('cornerRadius') === null}
              onChange={(cornerRadius) => update({ cornerRadius })}
            />
          )}
        </Section>
      )}
      {only === 'line' && (
        <Section title="Line">
          <LineFields layers={layers as LineLayer[]} update={update} />
        </Section>
      )}
      {only === 'qr' && (
        <Section title="QR code">
          <QrFields layers={layers as QrLayer[]} update={update} />
        </Section>
      )}
      {shadowed && (
        <Section title="Effects">
          {stroked && <StrokeFields layers={layers} update={update} label={only === 'text' ? 'Outline' : 'Stroke'} />}
          <ShadowFields layers={layers} update={update} />
        </Section>
      )}
    </div>
  );
}
