// A colour: a swatch with the browser's picker for the RGB part and a text field that
// takes any CSS colour (alpha included), validated with the same parser the engine uses.
import { formatRgba, isColor, parseColor } from '@layercast/shared';
import { useId } from 'react';
import { BrandSwatches } from '../../brand/BrandSwatches';
import { useDraftText } from './use-draft-text';

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

export function toHex(color: string): string {
  const c = parseColor(color);
  return c ? `#${hex2(c.r)}${hex2(c.g)}${hex2(c.b)}` : '#000000';
}

/** Keeps the alpha of `previous` when the picker (which has none) sets a new RGB. */
function withAlphaOf(hex: string, previous: string): string {
  const prev = parseColor(previous);
  const next = parseColor(hex);
  if (!next || !prev || prev.a === 1) return hex;
  return formatRgba({ ...next, a: prev.a });
}

export interface ColorFieldProps {
  label: string;
  /** The accessible name when the visible label is short. */
  name?: string;
  value: string | null;
  onChange(color: string): void;
  /** When given, the colour can be removed (stroke, highlight). */
  onClear?: () => void;
  testId?: string;
  /** The brand kit's swatches under the field (default); off where the kit itself is edited. */
  brandSwatches?: boolean;
}

export function ColorField({
  label,
  name = label,
  value,
  onChange,
  onClear,
  testId,
  brandSwatches = true,
}: ColorFieldProps) {
  const errorId = useId();
  const { text, setText, error, commit } = useDraftText(value ?? '', (v) => {
    if (v === '' && onClear) {
      onClear();
      return null;
    }
    if (!isColor(v)) return 'Use a CSS colour: #1a2b3c, rgba(0,0,0,0.5), or a name';
    if (v !== value) onChange(v);
    return null;
  });
  return (
    <div className="color-field-wrap">
      <div className={`color-field${error ? ' has-error' : ''}`}>
        <span className="num-label">{label}</span>
        <span className="swatch" style={{ background: value && isColor(value) ? value : 'transparent' }}>
          <input
            type="color"
            aria-label={`${name} picker`}
            value={toHex(value ?? '#000000')}
            onChange={(e) => onChange(withAlphaOf(e.target.value, value ?? '#000000'))}
          />
        </span>
        <input
          className="color-text"
          aria-label={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          data-testid={testId}
          value={text}
          placeholder={value === null ? (onClear ? 'None' : 'Mixed') : ''}
          onChange={(e) => setText(e.target.value)}
          onBlur={(e) => commit(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit((e.target as HTMLInputElement).value);
          }}
        />
        {onClear && value !== null && (
          <button type="button" className="icon-btn" aria-label={`Remove ${name.toLowerCase()}`} onClick={onClear}>
            ×
          </button>
        )}
        {error && (
          <span className="num-error" role="alert" id={errorId}>
            {error}
          </span>
        )}
      </div>
      {brandSwatches && <BrandSwatches value={value} onPick={onChange} field={name} />}
    </div>
  );
}
