// An image's mask (rect, rounded with a radius per corner, ellipse), crop mode and filters.
// Slider drags are one undo step each (a coalesce key per filter); the canvas repaints live.
import {
  type CornerRadius,
  IMAGE_BLUR_MAX,
  type ImageFilters,
  type ImageLayer,
  LIMITS,
  type Layer,
} from '@layercast/shared';
import { useId } from 'react';
import { Button, NumberInput, Segmented, Toggle } from '../../ui/controls';
import { useDesigner } from '../context';
import { ColorField } from './ColorField';
import { sharedValue } from './shared-value';

type Patch = (patch: Record<string, unknown> | ((l: Layer) => Layer), key?: string) => void;
type MaskChoice = 'rect' | 'rounded' | 'ellipse';

const CORNERS = ['Top left', 'Top right', 'Bottom right', 'Bottom left'] as const;

const radiiOf = (r: CornerRadius): [number, number, number, number] => (typeof r === 'number' ? [r, r, r, r] : r);
const isRounded = (r: CornerRadius) => radiiOf(r).some((v) => v > 0);

/** The three masks a user picks from; "rounded" is a rect mask with a radius. */
const maskChoice = (l: ImageLayer): MaskChoice =>
  l.mask === 'ellipse' ? 'ellipse' : isRounded(l.borderRadius) ? 'rounded' : 'rect';

export function ImageMaskFields({ layers, update }: { layers: ImageLayer[]; update: Patch }) {
  const { ui } = useDesigner();
  const mask = sharedValue(layers, (l) => maskChoice(l as ImageLayer)) as MaskChoice | null;
  const radius = sharedValue(layers, (l) => JSON.stringify((l as ImageLayer).borderRadius));
  const radii = radius === null ? null : radiiOf(JSON.parse(radius as string) as CornerRadius);
  const perCorner = radii !== null && new Set(radii).size > 1;
  const setRadii = (next: [number, number, number, number]) =>
    update({ borderRadius: new Set(next).size === 1 ? next[0] : next });
  const only = layers.length === 1 ? layers[0] : undefined;
  return (
    <div className="stack">
      <div className="row">
        <Segmented
          label="Mask"
          value={mask}
          onChange={(m) =>
            update((l) => {
              const img = l as ImageLayer;
              if (m === 'ellipse') return { ...img, mask: 'ellipse' };
              if (m === 'rect') return { ...img, mask: 'rect', borderRadius: 0 };
              return { ...img, mask: 'rect', borderRadius: isRounded(img.borderRadius) ? img.borderRadius : 24 };
            })
          }
          options={[
            { value: 'rect', label: '▭', title: 'Rectangle mask' },
            { value: 'rounded', label: '▢', title: 'Rounded mask' },
            { value: 'ellipse', label: '◯', title: 'Ellipse mask' },
          ]}
        />
        {only && (
          <Button size="sm" onClick={() => ui.getState().setCropping(only.id)} data-testid="crop-button">
            Crop
          </Button>
        )}
        {only?.crop && (
          <Button size="sm" onClick={() => update((l) => ({ ...l, crop: undefined }) as Layer)}>
            Reset crop
          </Button>
        )}
      </div>
      {mask === 'rounded' && radii && (
        <>
          <Toggle
            label="Radius per corner"
            checked={perCorner}
            onChange={(on) =>
              setRadii(on ? [radii[0], radii[0] / 2, radii[0], radii[0] / 2] : [radii[0], radii[0], radii[0], radii[0]])
            }
          />
          {perCorner ? (
            <div className="grid-2">
              {CORNERS.map((corner, i) => (
                <NumberInput
                  key={corner}
                  label={corner}
                  name={`${corner} radius`}
                  unit="px"
                  min={0}
                  max={LIMITS.coordinate}
                  value={radii[i] ?? 0}
                  onChange={(v) => setRadii(radii.map((r, j) => (j === i ? v : r)) as [number, number, number, number])}
                />
              ))}
            </div>
          ) : (
            <NumberInput
              label="Radius"
              name="Corner radius"
              unit="px"
              min={0}
              max={LIMITS.coordinate}
              value={radii[0]}
              onChange={(v) => update({ borderRadius: v })}
            />
          )}
        </>
      )}
    </div>
  );
}

const SLIDERS = [
  { key: 'grayscale', label: 'Grayscale', min: 0, max: 1, step: 0.01 },
  { key: 'brightness', label: 'Brightness', min: -1, max: 1, step: 0.01 },
  { key: 'contrast', label: 'Contrast', min: -1, max: 1, step: 0.01 },
  { key: 'blur', label: 'Blur', min: 0, max: IMAGE_BLUR_MAX, step: 0.5 },
] as const;

/** A filter set to its neutral value is left out, so an untouched image has no `filters`. */
function withFilter(l: Layer, patch: Partial<ImageFilters>): Layer {
  const next: Record<string, unknown> = { ...(l as ImageLayer).filters, ...patch };
  for (const [k, v] of Object.entries(next)) if (v === undefined || v === 0) delete next[k];
  return { ...l, filters: Object.keys(next).length ? next : undefined } as Layer;
}

export function ImageFilterFields({ layers, update }: { layers: ImageLayer[]; update: Patch }) {
  const id = useId();
  const filters = sharedValue(layers, (l) => JSON.stringify((l as ImageLayer).filters ?? {}));
  const f = filters === null ? null : (JSON.parse(filters as string) as ImageFilters);
  return (
    <div className="stack">
      <div className="field-label">Filters</div>
      {SLIDERS.map(({ key, label, min, max, step }) => (
        <div key={key} className="row">
          <label htmlFor={`${id}-${key}`} className="num-label" style={{ minWidth: 72 }}>
            {label}
          </label>
          <input
            id={`${id}-${key}`}
            type="range"
            data-testid={`filter-${key}`}
            min={min}
            max={max}
            step={step}
            value={f?.[key] ?? 0}
            onChange={(e) => update((l) => withFilter(l, { [key]: Number(e.target.value) }), `filter-${key}`)}
          />
          <span className="num-unit">{f === null ? '—' : String(f[key] ?? 0)}</span>
        </div>
      ))}
      <div className="grid-2">
        <ColorField
          label="Tint"
          name="Tint colour"
          value={f?.tint?.color ?? null}
          onChange={(color) => update((l) => withFilter(l, { tint: { color, amount: f?.tint?.amount ?? 0.5 } }))}
          onClear={() => update((l) => withFilter(l, { tint: undefined }))}
          testId="filter-tint"
        />
        <NumberInput
          label="Amount"
          name="Tint amount"
          unit="%"
          min={0}
          max={100}
          value={f?.tint ? f.tint.amount * 100 : null}
          mixed={f === null}
          onChange={(v) =>
            update((l) => withFilter(l, { tint: { color: f?.tint?.color ?? '#0d9488', amount: v / 100 } }))
          }
        />
      </div>
    </div>
  );
}
