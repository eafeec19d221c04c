// Fills: a CSS colour, a structured gradient, or a CSS gradient string. Strings are kept
// as the user wrote them in the document; `resolveFill` turns any form into the one
// structured shape the engine paints.
import { formatRgba, parseColor } from './color';

export interface GradientStop {
  /** 0..1 along the gradient */
  offset: number;
  color: string;
}

export interface LinearGradient {
  type: 'linear';
  /** CSS angle: 0 points up, 90 right, clockwise. */
  angle: number;
  stops: GradientStop[];
}

export interface RadialGradient {
  type: 'radial';
  /** Centre as a fraction of the box, 0..1. */
  cx: number;
  cy: number;
  /** Radius as a fraction of the distance from the centre to the farthest corner. */
  radius: number;
  stops: GradientStop[];
}

export type Gradient = LinearGradient | RadialGradient;
export type ResolvedFill = { type: 'color'; color: string } | Gradient;

const SIDE_ANGLES: Record<string, number> = {
  top: 0, 'top right': 45, 'right top': 45, right: 90, 'bottom right': 135, 'right bottom': 135,
  bottom: 180, 'bottom left': 225, 'left bottom': 225, left: 270, 'top left': 315, 'left top': 315,
};

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out;
}

function parseAngle(s: string): number | null {
  const m = /^(-?\d*\.?\d+)(deg|turn|rad|grad)$/.exec(s);
  if (m) {
    const v = Number(m[1]);
    const unit = m[2];
    return unit === 'deg' ? v : unit === 'turn' ? v * 360 : unit === 'rad' ? (v * 180) / Math.PI : v * 0.9;
  }
  const side = /^to\s+(.+)$/.exec(s);
  if (side) return SIDE_ANGLES[(side[1] ?? '').replace(/\s+/g, ' ')] ?? null;
  return null;
}

/** `#fff`, `#fff 20%`, `rgb(0 0 0) 1` */
function parseStops(args: string[]): GradientStop[] | null {
  const raw: { color: string; offset: number | null }[] = [];
  for (const arg of args) {
    const m = /^(.*?)(?:\s+(-?\d*\.?\d+)%)?$/.exec(arg);
    const color = m?.[1]?.trim() ?? '';
    if (!parseColor(color)) return null;
    raw.push({ color, offset: m?.[2] !== undefined ? Math.min(1, Math.max(0, Number(m[2]) / 100)) : null });
  }
  if (raw.length < 2 || raw.length > 16) return null;
  // CSS rules: a missing first/last position is 0/1; missing ones between are spread evenly.
  if (raw[0] && raw[0].offset === null) raw[0].offset = 0;
  const last = raw[raw.length - 1];
  if (last && last.offset === null) last.offset = 1;
  let prev = 0;
  for (let i = 0; i < raw.length; i++) {
    const stop = raw[i];
    if (!stop || stop.offset !== null) {
      prev = Math.max(prev, stop?.offset ?? prev);
      if (stop) stop.offset = prev;
      continue;
    }
    let j = i;
    while (raw[j] && raw[j]?.offset === null) j++;
    const end = raw[j]?.offset ?? 1;
    const step = (end - prev) / (j - i + 1);
    for (let k = i; k < j; k++) {
      const s = raw[k];
      if (s) s.offset = prev + step * (k - i + 1);
    }
    i = j - 1;
  }
  return raw.map((s) => ({ color: s.color, offset: s.offset ?? 0 }));
}

function parsePosition(s: string): { cx: number; cy: number } | null {
  const words = s.trim().split(/\s+/);
  const keyword: Record<string, number> = { left: 0, top: 0, center: 0.5, right: 1, bottom: 1 };
  const val = (w: string | undefined) => {
    if (w === undefined) return 0.5;
    if (w in keyword) return keyword[w] ?? null;
    const m = /^(-?\d*\.?\d+)%$/.exec(w);
    return m ? Number(m[1]) / 100 : null;
  };
  let [a, b] = words;
  if (a === 'top' || a === 'bottom') [a, b] = [b ?? 'center', a];
  const cx = val(a);
  const cy = val(b);
  return cx === null || cy === null ? null : { cx, cy };
}

/** Parses `linear-gradient(...)` / `radial-gradient(...)`; null when it is not one. */
export function parseGradientString(input: string): Gradient | null {
  const m = /^\s*(linear|radial)-gradient\((.*)\)\s*$/is.exec(input);
  if (!m) return null;
  const args = splitTopLevel(m[2] ?? '');
  const first = (args[0] ?? '').toLowerCase();
  if (m[1]?.toLowerCase() === 'linear') {
    const angle = parseAngle(first);
    const stops = parseStops(angle === null ? args : args.slice(1));
    return stops ? { type: 'linear', angle: angle ?? 180, stops } : null;
  }
  let center = { cx: 0.5, cy: 0.5 };
  let stopArgs = args;
  const shape = /^(circle|ellipse)?\s*(?:farthest-corner|closest-side|closest-corner|farthest-side)?\s*(?:at\s+(.+))?$/.exec(first);
  if (shape && first !== '' && (shape[1] || shape[2] || first.startsWith('farthest') || first.startsWith('closest'))) {
    const pos = shape[2] ? parsePosition(shape[2]) : center;
    if (!pos) return null;
    center = pos;
    stopArgs = args.slice(1);
  }
  const stops = parseStops(stopArgs);
  return stops ? { type: 'radial', ...center, radius: 1, stops } : null;
}

export type FillInput = string | Gradient;

/** True when a string is a colour or a gradient string. */
export function isFillString(input: string): boolean {
  return parseColor(input) !== null || parseGradientString(input) !== null;
}

/** Any accepted fill to its structured form; colours become `rgb()`/`rgba()` strings. */
export function resolveFill(fill: FillInput): ResolvedFill {
  if (typeof fill === 'string') {
    const color = parseColor(fill);
    if (color) return { type: 'color', color: formatRgba(color) };
  }
  const gradient = typeof fill === 'string' ? parseGradientString(fill) : fill;
  if (gradient) return { ...gradient, stops: gradient.stops.map((s) => ({ offset: s.offset, color: normalizeColor(s.color) })) };
  // The schema rejects anything else; a stored row that bypassed it paints nothing.
  return { type: 'color', color: 'transparent' };
}

/** A validated colour as the canonical `rgb()`/`rgba()` string; transparent when invalid. */
export function normalizeColor(input: string): string {
  const c = parseColor(input);
  return c ? formatRgba(c) : 'rgba(0, 0, 0, 0)';
}
