// Fill editing: a solid colour, or a linear or radial gradient with its stops. A CSS
// gradient string in the document is shown in its structured form and saved as such.
import { type Fill, type Gradient, type GradientStop, parseColor, parseGradientString } from '@layercast/shared';
import { NumberInput, Select } from '../../ui/controls';
import { ColorField } from './ColorField';

type Mode = 'solid' | 'linear' | 'radial';

function asGradient(fill: Fill): Gradient | null {
  if (typeof fill !== 'string') return fill as Gradient;
  return parseColor(fill) ? null : parseGradientString(fill);
}

export function cssOfFill(fill: Fill): string {
  const g = asGradient(fill);
  if (!g) return typeof fill === 'string' ? fill : '#000';
  const stops = g.stops.map((s) => `${s.color} ${Math.round(s.offset * 100)}%`).join(', ');
  return g.type === 'linear' ? `linear-gradient(${g.angle}deg, ${stops})` : `radial-gradient(circle at ${g.cx * 100}% ${g.cy * 100}%, ${stops})`;
}

function firstColor(fill: Fill): string {
  const g = asGradient(fill);
  return g ? (g.stops[0]?.color ?? '#000000') : (fill as string);
}

export function FillField({ label, value, onChange }: { label: string; value: Fill | null; onChange(fill: Fill): void }) {
  if (value === null) {
    return (
      <div className="fill-field">
        <ColorField label={label} value={null} onChange={onChange} />
      </div>
    );
  }
  const gradient = asGradient(value);
  const mode: Mode = gradient ? gradient.type : 'solid';
  const setMode = (m: Mode) => {
    if (m === mode) return;
    const stops: GradientStop[] = gradient?.stops ?? [
      { offset: 0, color: firstColor(value) },
      { offset: 1, color: '#111827' },
    ];
    if (m === 'solid') onChange(stops[0]?.color ?? '#000000');
    else if (m === 'linear') onChange({ type: 'linear', angle: 135, stops });
    else onChange({ type: 'radial', cx: 0.5, cy: 0.5, radius: 1, stops });
  };
  const setStops = (stops: GradientStop[]) => gradient && onChange({ ...gradient, stops });
  return (
    <div className="fill-field">
      <div className="row">
        <span className="num-label">{label}</span>
        <Select<Mode>
          label={`${label} type`}
          value={mode}
          onChange={setMode}
          options={[
            { value: 'solid', label: 'Solid' },
            { value: 'linear', label: 'Linear gradient' },
            { value: 'radial', label: 'Radial gradient' },
          ]}
        />
        <span className="fill-preview" style={{ background: cssOfFill(value) }} aria-hidden />
      </div>
      {!gradient && <ColorField label="Colour" value={value as string} onChange={onChange} />}
      {gradient?.type === 'linear' && (
        <NumberInput label="Angle" unit="°" min={-360} max={360} value={gradient.angle} onChange={(angle) => onChange({ ...gradient, angle })} />
      )}
      {gradient?.type === 'radial' && (
        <div className="grid-3">
          <NumberInput label="X" unit="%" min={0} max={100} value={gradient.cx * 100} onChange={(v) => onChange({ ...gradient, cx: v / 100 })} />
          <NumberInput label="Y" unit="%" min={0} max={100} value={gradient.cy * 100} onChange={(v) => onChange({ ...gradient, cy: v / 100 })} />
          <NumberInput label="R" unit="%" min={1} max={400} value={gradient.radius * 100} onChange={(v) => onChange({ ...gradient, radius: v / 100 })} />
        </div>
      )}
      {gradient && (
        <div className="stops">
          {gradient.stops.map((stop, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: stops have no identity but their place
            <div className="stop" key={i}>
              <ColorField
                label={`Stop ${i + 1}`}
                value={stop.color}
                onChange={(color) => setStops(gradient.stops.map((s, j) => (j === i ? { ...s, color } : s)))}
              />
              <NumberInput
                label="At"
                unit="%"
                min={0}
                max={100}
                value={Math.round(stop.offset * 1000) / 10}
                onChange={(v) => setStops(gradient.stops.map((s, j) => (j === i ? { ...s, offset: v / 100 } : s)))}
              />
              <button
                type="button"
                className="icon-btn"
                aria-label={`Remove stop ${i + 1}`}
                disabled={gradient.stops.length <= 2}
                onClick={() => setStops(gradient.stops.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </div>
          ))}
          <button
            type="button"
            className="link-btn"
            disabled={gradient.stops.length >= 16}
            onClick={() => setStops([...gradient.stops, { offset: 1, color: gradient.stops[gradient.stops.length - 1]?.color ?? '#ffffff' }])}
          >
            + Add stop
          </button>
        </div>
      )}
    </div>
  );
}
