// Fill editing: a solid colour, a linear or radial gradient with its stops, or a CSS
// gradient string kept as written (corner keywords, ellipses and extents that the
// structured form cannot hold); choosing a structured mode converts it.
import {
  type Fill,
  type Gradient,
  type GradientStop,
  LIMITS,
  isFillString,
  parseColor,
  parseGradientString,
} from '@layercast/shared';
import { useId } from 'react';
import { NumberInput, Select } from '../../ui/controls';
import { ColorField } from './ColorField';
import { useDraftText } from './use-draft-text';

type Mode = 'solid' | 'linear' | 'radial' | 'css';

const isCssGradient = (fill: Fill): fill is string => typeof fill === 'string' && parseColor(fill) === null;

/** A CSS gradient string, edited as text and committed when it parses. */
function CssGradientField({ value, onChange }: { value: string; onChange(fill: string): void }) {
  const errorId = useId();
  const { text, setText, error, commit } = useDraftText(value, (v) => {
    if (!isFillString(v) || parseColor(v) !== null)
      return 'Use a CSS gradient such as linear-gradient(to right, #667eea, #764ba2)';
    if (v !== value) onChange(v);
    return null;
  });
  return (
    <div className={`css-fill${error ? ' has-error' : ''}`}>
      <textarea
        aria-label="CSS gradient"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        rows={3}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            commit((e.target as HTMLTextAreaElement).value);
          }
        }}
      />
      {error && (
        <span className="field-error" role="alert" id={errorId}>
          {error}
        </span>
      )}
    </div>
  );
}

function asGradient(fill: Fill): Gradient | null {
  if (typeof fill !== 'string') return fill as Gradient;
  return parseColor(fill) ? null : parseGradientString(fill);
}

export function cssOfFill(fill: Fill): string {
  // The engine paints gradient strings as CSS does, so the string is its own preview.
  if (typeof fill === 'string') return fill;
  const g = asGradient(fill);
  if (!g) return typeof fill === 'string' ? fill : '#000';
  const stops = g.stops.map((s) => `${s.color} ${Math.round(s.offset * 100)}%`).join(', ');
  return g.type === 'linear'
    ? `linear-gradient(${g.angle}deg, ${stops})`
    : `radial-gradient(circle at ${g.cx * 100}% ${g.cy * 100}%, ${stops})`;
}

function firstColor(fill: Fill): string {
  const g = asGradient(fill);
  return g ? (g.stops[0]?.color ?? '#000000') : (fill as string);
}

export function FillField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Fill | null;
  onChange(fill: Fill): void;
}) {
  if (value === null) {
    return (
      <div className="fill-field">
        <ColorField label={label} value={null} onChange={onChange} />
      </div>
    );
  }
  const css = isCssGradient(value);
  const parsed = asGradient(value);
  // Stops and angles are edited on the structured form only; a string is edited as text.
  const gradient = css ? null : parsed;
  const mode: Mode = css ? 'css' : gradient ? gradient.type : 'solid';
  const setMode = (m: Mode) => {
    if (m === mode) return;
    const stops: GradientStop[] = parsed?.stops ?? [
      { offset: 0, color: firstColor(value) },
      { offset: 1, color: '#111827' },
    ];
    if (m === 'solid') onChange(stops[0]?.color ?? '#000000');
    else if (m === 'css')
      onChange(parsed ? cssOfFill(parsed) : `linear-gradient(135deg, ${stops.map((s) => s.color).join(', ')})`);
    else if (m === 'linear') onChange(parsed?.type === 'linear' ? parsed : { type: 'linear', angle: 135, stops });
    else onChange(parsed?.type === 'radial' ? parsed : { type: 'radial', cx: 0.5, cy: 0.5, radius: 1, stops });
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
            { value: 'css', label: 'CSS gradient' },
          ]}
        />
        <span className="fill-preview" style={{ background: cssOfFill(value) }} aria-hidden />
      </div>
      {mode === 'solid' && (
        <ColorField label="Colour" name={`${label} colour`} value={value as string} onChange={onChange} />
      )}
      {css && <CssGradientField value={value} onChange={onChange} />}
      {gradient?.type === 'linear' && (
        <NumberInput
          label="Angle"
          name="Gradient angle"
          unit="°"
          min={-LIMITS.gradientAngle}
          max={LIMITS.gradientAngle}
          value={gradient.angle}
          onChange={(angle) => onChange({ ...gradient, angle })}
        />
      )}
      {gradient?.type === 'radial' && (
        <div className="grid-3">
          <NumberInput
            label="X"
            name="Gradient centre X"
            unit="%"
            min={0}
            max={100}
            value={gradient.cx * 100}
            onChange={(v) => onChange({ ...gradient, cx: v / 100 })}
          />
          <NumberInput
            label="Y"
            name="Gradient centre Y"
            unit="%"
            min={0}
            max={100}
            value={gradient.cy * 100}
            onChange={(v) => onChange({ ...gradient, cy: v / 100 })}
          />
          <NumberInput
            label="R"
            name="Gradient radius"
            unit="%"
            min={LIMITS.gradientRadiusMin * 100}
            max={LIMITS.gradientRadiusMax * 100}
            value={gradient.radius * 100}
            onChange={(v) => onChange({ ...gradient, radius: v / 100 })}
          />
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
                name={`Stop ${i + 1} position`}
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
            onClick={() =>
              setStops([
                ...gradient.stops,
                { offset: 1, color: gradient.stops[gradient.stops.length - 1]?.color ?? '#ffffff' },
              ])
            }
          >
            + Add stop
          </button>
        </div>
      )}
    </div>
  );
}
