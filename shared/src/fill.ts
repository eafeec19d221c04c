// Fills: a CSS colour, a structured gradient, or a CSS gradient string. Strings are kept
// as the user wrote them in the document; `resolveFill` turns any form into the one
// structured shape the engine places and paints.
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

/** The document's structured form (what the schema stores and the editor edits). */
export type Gradient = LinearGradient | RadialGradient;

export type Corner = 'top right' | 'bottom right' | 'bottom left' | 'top left';
export type RadialShape = 'circle' | 'ellipse';
export type RadialExtent = 'closest-side' | 'closest-corner' | 'farthest-side' | 'farthest-corner';

/**
 * What a CSS string means beyond the document form. `to top right` depends on the box's
 * aspect, so the corner is kept for placement; `angle` is its value on a square box.
 */
export interface ResolvedLinearGradient extends LinearGradient {
  corner?: Corner;
}

/**
 * `radius` scales the ending shape that `shape` and `extent` give; without them it is the
 * document's circle through the farthest corner. `cx`/`cy` of a CSS string may lie
 * outside the box (at most ten boxes away).
 */
export interface ResolvedRadialGradient extends RadialGradient {
  shape?: RadialShape;
  extent?: RadialExtent;
}

export type ResolvedGradient = ResolvedLinearGradient | ResolvedRadialGradient;
export type ResolvedFill = { type: 'color'; color: string } | ResolvedGradient;

const SIDE_ANGLES: Record<string, number> = { top: 0, right: 90, bottom: 180, left: 270 };
const CORNERS: Record<string, Corner> = {
  'top right': 'top right',
  'right top': 'top right',
  'bottom right': 'bottom right',
  'right bottom': 'bottom right',
  'bottom left': 'bottom left',
  'left bottom': 'bottom left',
  'top left': 'top left',
  'left top': 'top left',
};
const SQUARE_CORNER_ANGLES: Record<Corner, number> = {
  'top right': 45,
  'bottom right': 135,
  'bottom left': 225,
  'top left': 315,
};
const EXTENTS: readonly string[] = ['closest-side', 'closest-corner', 'farthest-side', 'farthest-corner'];
/** A CSS string's gradient centre stays within ten boxes, so placed coordinates stay small. */
const MAX_POSITION = 10;
const MAX_STOPS = 16;

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

/** A CSS number without exponent; null when it overflows (a long run of digits). */
function finiteNumber(s: string): number | null {
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

/** `<angle>` in [0, 360), or a `to <side-or-corner>` direction; null otherwise. */
function parseDirection(s: string): { angle: number; corner?: Corner } | null {
  const m = /^(-?\d*\.?\d+)(deg|turn|rad|grad)$/.exec(s);
  if (m) {
    const v = finiteNumber(m[1] ?? '');
    if (v === null) return null;
    const unit = m[2];
    const deg = unit === 'deg' ? v : unit === 'turn' ? v * 360 : unit === 'rad' ? (v * 180) / Math.PI : v * 0.9;
    // Modulo first: a huge but finite angle stays finite, and the result fits the schema.
    return Number.isFinite(deg) ? { angle: ((deg % 360) + 360) % 360 } : null;
  }
  const to = /^to\s+(.+)$/.exec(s);
  if (!to) return null;
  const words = (to[1] ?? '').replace(/\s+/g, ' ');
  const side = SIDE_ANGLES[words];
  if (side !== undefined) return { angle: side };
  const corner = CORNERS[words];
  return corner ? { angle: SQUARE_CORNER_ANGLES[corner], corner } : null;
}

/** `<color> [<percentage> [<percentage>]]`: two positions are two stops of one colour. */
const STOP = /^(.*?)(?:\s+(-?\d*\.?\d+)%)?(?:\s+(-?\d*\.?\d+)%)?$/;

function parseStops(args: string[]): GradientStop[] | null {
  const raw: { color: string; offset: number | null }[] = [];
  for (const arg of args) {
    const m = STOP.exec(arg);
    const color = m?.[1]?.trim() ?? '';
    if (!m || !parseColor(color)) return null;
    const positions = [m[2], m[3]].filter((p): p is string => p !== undefined).map(finiteNumber);
    if (positions.length === 0) raw.push({ color, offset: null });
    for (const p of positions) {
      if (p === null) return null;
      // Canvas offsets live in 0..1; positions beyond the gradient line are clamped to it.
      raw.push({ color, offset: Math.min(1, Math.max(0, p / 100)) });
    }
  }
  if (raw.length < 2 || raw.length > MAX_STOPS) return null;
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
    const end = Math.max(prev, raw[j]?.offset ?? 1);
    const step = (end - prev) / (j - i + 1);
    for (let k = i; k < j; k++) {
      const s = raw[k];
      if (s) s.offset = prev + step * (k - i + 1);
    }
    i = j - 1;
  }
  return raw.map((s) => ({ color: s.color, offset: s.offset ?? 0 }));
}

/** `<position>` as one or two keywords or percentages, as fractions of the box. */
function parsePosition(s: string): { cx: number; cy: number } | null {
  const words = s.trim().split(/\s+/);
  if (words.length > 2) return null;
  const val = (w: string, keywords: Record<string, number>) => {
    if (w in keywords) return keywords[w] ?? null;
    const m = /^(-?\d*\.?\d+)%$/.exec(w);
    const v = m ? finiteNumber(m[1] ?? '') : null;
    return v !== null && Math.abs(v / 100) <= MAX_POSITION ? v / 100 : null;
  };
  let [a = 'center', b = 'center'] = words;
  if (a === 'top' || a === 'bottom') [a, b] = [b, a];
  const cx = val(a, { left: 0, center: 0.5, right: 1 });
  const cy = val(b, { top: 0, center: 0.5, bottom: 1 });
  return cx === null || cy === null ? null : { cx, cy };
}

/** `[<shape> || <extent>] [at <position>]`; undefined when the argument is not a prelude. */
function parseRadialPrelude(s: string): Omit<ResolvedRadialGradient, 'type' | 'radius' | 'stops'> | null | undefined {
  const parts = s.split(/(?:^|\s+)at(?:\s+|$)/);
  if (parts.length > 2) return null;
  const [ending = '', position] = parts;
  const words = ending.split(/\s+/).filter((w) => w !== '');
  const isKeyword = (w: string) => w === 'circle' || w === 'ellipse' || EXTENTS.includes(w);
  if (position === undefined && !words.some(isKeyword)) return undefined;
  if (words.length > 2 || !words.every(isKeyword)) return null;
  const shape = words.filter((w) => w === 'circle' || w === 'ellipse');
  const extent = words.filter((w) => EXTENTS.includes(w));
  if (shape.length > 1 || extent.length > 1) return null;
  const center = position === undefined ? { cx: 0.5, cy: 0.5 } : parsePosition(position);
  if (!center) return null;
  return {
    ...center,
    shape: (shape[0] as RadialShape | undefined) ?? 'ellipse',
    extent: (extent[0] as RadialExtent | undefined) ?? 'farthest-corner',
  };
}

/** A gradient string with everything CSS means by it; null when it is not one. */
function parseCssGradient(input: string): ResolvedGradient | null {
  const m = /^\s*(linear|radial)-gradient\((.*)\)\s*$/is.exec(input);
  if (!m) return null;
  const args = splitTopLevel(m[2] ?? '');
  const first = (args[0] ?? '').toLowerCase();
  if (m[1]?.toLowerCase() === 'linear') {
    const direction = parseDirection(first);
    const stops = parseStops(direction === null ? args : args.slice(1));
    return stops ? { type: 'linear', ...(direction ?? { angle: 180 }), stops } : null;
  }
  const prelude = parseRadialPrelude(first);
  if (prelude === null) return null;
  const stops = parseStops(prelude === undefined ? args : args.slice(1));
  if (!stops) return null;
  return {
    type: 'radial',
    cx: 0.5,
    cy: 0.5,
    shape: 'ellipse',
    extent: 'farthest-corner',
    ...prelude,
    radius: 1,
    stops,
  };
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * Parses `linear-gradient(...)` / `radial-gradient(...)` into the document's structured
 * form; null when it is not one. The form cannot say everything CSS can: a corner becomes
 * its square-box angle, an ellipse or other extent the farthest-corner circle, and the
 * centre is kept inside the box.
 */
export function parseGradientString(input: string): Gradient | null {
  const g = parseCssGradient(input);
  if (!g) return null;
  if (g.type === 'linear') return { type: 'linear', angle: g.angle, stops: g.stops };
  return { type: 'radial', cx: clamp01(g.cx), cy: clamp01(g.cy), radius: g.radius, stops: g.stops };
}

export type FillInput = string | Gradient;

/** True when a string is a colour or a gradient string. */
export function isFillString(input: string): boolean {
  return parseColor(input) !== null || parseCssGradient(input) !== null;
}

/** Any accepted fill to its structured form; colours become `rgb()`/`rgba()` strings. */
export function resolveFill(fill: FillInput): ResolvedFill {
  if (typeof fill === 'string') {
    const color = parseColor(fill);
    if (color) return { type: 'color', color: formatRgba(color) };
  }
  const gradient = typeof fill === 'string' ? parseCssGradient(fill) : fill;
  if (gradient)
    return { ...gradient, stops: gradient.stops.map((s) => ({ offset: s.offset, color: normalizeColor(s.color) })) };
  // The schema rejects anything else; a stored row that bypassed it paints nothing.
  return { type: 'color', color: 'transparent' };
}

/** A validated colour as the canonical `rgb()`/`rgba()` string; transparent when invalid. */
export function normalizeColor(input: string): string {
  const c = parseColor(input);
  return c ? formatRgba(c) : 'rgba(0, 0, 0, 0)';
}
