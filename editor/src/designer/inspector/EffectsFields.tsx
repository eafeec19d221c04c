// Stroke and shadow, shared by every kind of layer.
import { LIMITS, type Layer, type Shadow } from '@layercast/shared';
import { NumberInput, Toggle } from '../../ui/controls';
import { ColorField } from './ColorField';
import { prop, sharedValue } from './shared-value';

type Patch = (patch: Record<string, unknown> | ((l: Layer) => Layer), key?: string) => void;

const DEFAULT_SHADOW: Shadow = { color: 'rgba(0, 0, 0, 0.35)', blur: 12, offsetX: 0, offsetY: 4 };

export function StrokeFields({ layers, update, label = 'Stroke' }: { layers: Layer[]; update: Patch; label?: string }) {
  const stroke = sharedValue(layers, prop('stroke')) as string | undefined | null;
  const width = sharedValue(layers, prop('strokeWidth')) as number | null;
  return (
    <div className="grid-2">
      <ColorField
        label={label}
        value={stroke ?? null}
        onChange={(c) => update(width ? { stroke: c } : { stroke: c, strokeWidth: 2 })}
        onClear={() => update((l) => ({ ...l, stroke: undefined, strokeWidth: 0 }) as Layer)}
      />
      <NumberInput
        label="Width"
        name={`${label} width`}
        unit="px"
        min={0}
        max={LIMITS.strokeWidth}
        value={width}
        mixed={width === null}
        onChange={(v) => update({ strokeWidth: v })}
      />
    </div>
  );
}

export function ShadowFields({ layers, update }: { layers: Layer[]; update: Patch }) {
  const shadow = sharedValue(layers, prop('shadow')) as Shadow | undefined | null;
  const on = shadow === null ? null : shadow !== undefined;
  const set = (patch: Partial<Shadow>) =>
    update((l) => ({ ...l, shadow: { ...DEFAULT_SHADOW, ...(l as { shadow?: Shadow }).shadow, ...patch } }) as Layer);
  return (
    <div className="stack">
      <Toggle
        label="Shadow"
        checked={on}
        onChange={(v) => update((l) => ({ ...l, shadow: v ? { ...DEFAULT_SHADOW } : undefined }) as Layer)}
      />
      {shadow && (
        <>
          <ColorField label="Colour" name="Shadow colour" value={shadow.color} onChange={(color) => set({ color })} />
          <div className="grid-3">
            <NumberInput
              label="Blur"
              name="Shadow blur"
              unit="px"
              min={0}
              max={LIMITS.shadowBlur}
              value={shadow.blur}
              onChange={(blur) => set({ blur })}
            />
            <NumberInput
              label="X"
              name="Shadow X offset"
              unit="px"
              min={-LIMITS.shadowOffset}
              max={LIMITS.shadowOffset}
              value={shadow.offsetX}
              onChange={(offsetX) => set({ offsetX })}
            />
            <NumberInput
              label="Y"
              name="Shadow Y offset"
              unit="px"
              min={-LIMITS.shadowOffset}
              max={LIMITS.shadowOffset}
              value={shadow.offsetY}
              onChange={(offsetY) => set({ offsetY })}
            />
          </div>
        </>
      )}
    </div>
  );
}
