// Small form controls shared by every page. Each field shows its own error where it is.
import { type CSSProperties, type ReactNode, useEffect, useId, useState } from 'react';

export function Button(
  props: React.ButtonHTMLAttributes<HTMLButtonElement> & {
    variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
    size?: 'sm' | 'md';
    busy?: boolean;
  },
) {
  const { variant = 'secondary', size = 'md', busy, className, children, disabled, ...rest } = props;
  return (
    <button
      type="button"
      className={`btn btn-${variant} btn-${size}${className ? ` ${className}` : ''}`}
      disabled={disabled || busy}
      {...rest}
    >
      {busy && <span className="spinner spinner-sm" aria-hidden />}
      {children}
    </button>
  );
}

/** The id of a Field's hint or error line: its control names it in `aria-describedby`. */
export const fieldMessageId = (htmlFor: string) => `${htmlFor}-message`;

export function Field({
  label,
  hint,
  error,
  children,
  htmlFor,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  children: ReactNode;
  htmlFor?: string;
}) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {error ? (
        <div className="field-error" role="alert" id={htmlFor && fieldMessageId(htmlFor)}>
          {error}
        </div>
      ) : hint ? (
        <div className="field-hint" id={htmlFor && fieldMessageId(htmlFor)}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

const fmt = (v: number) => String(Math.round(v * 100) / 100);

export interface NumberInputProps {
  value: number | null;
  onChange(value: number): void;
  min: number;
  max: number;
  step?: number;
  unit?: string;
  label: string;
  /** The accessible name when the visible label is short ("X" of a shadow is "Shadow X offset"). */
  name?: string;
  /** Placeholder when a multi-selection disagrees. */
  mixed?: boolean;
  integer?: boolean;
  testId?: string;
}

/**
 * A number field that commits on Enter, blur and arrow keys (Shift: ×10), and refuses
 * out-of-range input with a message instead of silently clamping it.
 */
export function NumberInput(p: NumberInputProps) {
  const [text, setText] = useState(p.value === null ? '' : fmt(p.value));
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => {
    setText(p.value === null ? '' : fmt(p.value));
    setError(null);
  }, [p.value]);
  const commit = (raw: string) => {
    if (raw.trim() === '' && p.mixed) return;
    const v = Number(raw);
    if (!Number.isFinite(v) || raw.trim() === '') return setError('Enter a number');
    if (v < p.min || v > p.max) return setError(`Enter ${p.min} to ${p.max}`);
    if (p.integer && !Number.isInteger(v)) return setError('Enter a whole number');
    setError(null);
    if (v !== p.value) p.onChange(v);
  };
  return (
    <div className={`num${error ? ' has-error' : ''}`} title={error ?? undefined}>
      <label htmlFor={id} className="num-label">
        {p.label}
      </label>
      <input
        id={id}
        data-testid={p.testId}
        inputMode="decimal"
        value={text}
        placeholder={p.mixed ? 'Mixed' : ''}
        aria-label={p.name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit((e.target as HTMLInputElement).value);
          if (e.key === 'Escape') {
            setText(p.value === null ? '' : fmt(p.value));
            setError(null);
          }
          if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            const base = p.value ?? 0;
            const step = (p.step ?? 1) * (e.shiftKey ? 10 : 1) * (e.key === 'ArrowUp' ? 1 : -1);
            const next = Math.min(p.max, Math.max(p.min, Math.round((base + step) * 1000) / 1000));
            setText(fmt(next));
            p.onChange(next);
          }
        }}
      />
      {p.unit && <span className="num-unit">{p.unit}</span>}
      {error && (
        <span className="num-error" role="alert" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

export function Select<T extends string | number>({
  value,
  options,
  onChange,
  label,
  testId,
}: {
  value: T | null;
  options: readonly { value: T; label: string; style?: CSSProperties }[];
  onChange(v: T): void;
  label: string;
  testId?: string;
}) {
  return (
    <select
      className="select"
      aria-label={label}
      data-testid={testId}
      value={value === null ? '' : String(value)}
      onChange={(e) => {
        const found = options.find((o) => String(o.value) === e.target.value);
        if (found) onChange(found.value);
      }}
    >
      {value === null && <option value="">Mixed</option>}
      {options.map((o) => (
        <option key={String(o.value)} value={String(o.value)} style={o.style}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function Segmented<T extends string>({
  value,
  options,
  onChange,
  label,
}: {
  value: T | null;
  options: readonly { value: T; label: ReactNode; title: string }[];
  onChange(v: T): void;
  label: string;
}) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        // biome-ignore lint/a11y/useSemanticElements: a segmented control is a radio group of buttons
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          aria-label={o.title}
          title={o.title}
          className={value === o.value ? 'is-active' : ''}
          onClick={() => onChange(o.value)}
        >
          <span aria-hidden="true">{o.label}</span>
        </button>
      ))}
    </div>
  );
}

export function Toggle({
  checked,
  onChange,
  label,
  testId,
}: {
  checked: boolean | null;
  onChange(v: boolean): void;
  label: ReactNode;
  testId?: string;
}) {
  return (
    <label className="toggle">
      <input
        type="checkbox"
        data-testid={testId}
        checked={checked ?? false}
        ref={(el) => {
          if (el) el.indeterminate = checked === null;
        }}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span className="toggle-track" aria-hidden />
      <span>{label}</span>
    </label>
  );
}

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden />
      <span>{label}…</span>
    </div>
  );
}

export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error-note" role="alert">
      <span>{message}</span>
      {onRetry && (
        <Button size="sm" variant="ghost" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
