// An icon layer is an ordinary image layer whose `src` is the icon set's SVG as a data URL,
// with a concrete stroke colour (the set's `currentColor` resolved) and a marker attribute on
// the root `<svg>` naming the icon. The server sees only an SVG image; the editor reads the
// marker back to offer colour, line width and a replacement. Everything else in the SVG is
// kept as the set ships it (viewBox, stroke caps, paths), so both rasterisers draw the same.
import { isColor } from '@layercast/shared';

export const ICON_MARKER = 'data-layercast-icon';
export const DEFAULT_ICON_COLOR = '#111827';
export const DEFAULT_ICON_STROKE_WIDTH = 2;
/** The line widths the inspector offers (the set is drawn for 2 on a 24-unit grid). */
export const ICON_STROKE_RANGE = { min: 0.5, max: 4 } as const;

const PREFIX = 'data:image/svg+xml,';
const NAME_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ROOT_RE = /^<svg\b([^>]*)>/;

export interface IconLook {
  color: string;
  strokeWidth: number;
}

export interface ParsedIcon extends IconLook {
  name: string;
}

function attr(attrs: string, key: string): string | undefined {
  return new RegExp(`\\s${key}="([^"]*)"`).exec(attrs)?.[1];
}

/** Sets (or adds) `key="value"` among a tag's attributes. */
function setAttr(attrs: string, key: string, value: string): string {
  const re = new RegExp(`(\\s${key}=)"[^"]*"`);
  return re.test(attrs) ? attrs.replace(re, `$1"${value}"`) : `${attrs} ${key}="${value}"`;
}

function removeAttr(attrs: string, key: string): string {
  return attrs.replace(new RegExp(`\\s${key}="[^"]*"`), '');
}

function checkLook(look: IconLook): void {
  // A colour goes into an attribute: only what the engine's colour parser accepts, never a quote.
  if (!isColor(look.color) || /["<>&]/.test(look.color)) throw new RangeError(`Not a colour: ${look.color}`);
  const w = look.strokeWidth;
  if (!Number.isFinite(w) || w < ICON_STROKE_RANGE.min || w > ICON_STROKE_RANGE.max)
    throw new RangeError(`Line width must be ${ICON_STROKE_RANGE.min} to ${ICON_STROKE_RANGE.max}, not ${w}`);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces every paint attribute equal to `from` (where the set wrote currentColor). */
function replaceColor(svg: string, from: string, to: string): string {
  return svg.replace(new RegExp(`(\\s(?:stroke|fill|stop-color|color)=)"${escapeRe(from)}"`, 'g'), `$1"${to}"`);
}

/** The icon set's SVG for `name`, coloured and marked, as an image layer's `src`. */
export function iconSrc(name: string, setSvg: string, look: Partial<IconLook> = {}): string {
  const full: IconLook = {
    color: look.color ?? DEFAULT_ICON_COLOR,
    strokeWidth: look.strokeWidth ?? DEFAULT_ICON_STROKE_WIDTH,
  };
  if (!NAME_RE.test(name)) throw new RangeError(`Not an icon name: ${name}`);
  checkLook(full);
  // The set's files start with a licence comment and are pretty-printed; neither is drawn.
  const compact = setSvg
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/>\s+</g, '><')
    .replace(/\s+/g, ' ')
    .trim();
  const root = ROOT_RE.exec(compact);
  if (!root) throw new RangeError(`Not an SVG: ${name}`);
  let attrs = removeAttr(root[1]!, 'class').replace(/\s+$/, '');
  attrs = setAttr(attrs, 'stroke-width', String(full.strokeWidth));
  attrs = setAttr(attrs, ICON_MARKER, name);
  const svg = replaceColor(`<svg${attrs}>${compact.slice(root[0].length)}`, 'currentColor', full.color);
  return PREFIX + encodeURIComponent(svg);
}

function decode(src: string): { svg: string; attrs: string; icon: ParsedIcon } | null {
  if (!src.startsWith(PREFIX)) return null;
  let svg: string;
  try {
    svg = decodeURIComponent(src.slice(PREFIX.length));
  } catch {
    return null;
  }
  const root = ROOT_RE.exec(svg);
  if (!root) return null;
  const attrs = root[1]!;
  const name = attr(attrs, ICON_MARKER);
  const color = attr(attrs, 'stroke');
  const strokeWidth = Number(attr(attrs, 'stroke-width'));
  if (!name || !NAME_RE.test(name) || !color || !isColor(color) || !Number.isFinite(strokeWidth)) return null;
  return { svg, attrs, icon: { name, color, strokeWidth } };
}

/** The icon a layer's `src` shows, or null when it is not an icon made by the editor. */
export function parseIconSrc(src: string): ParsedIcon | null {
  return decode(src)?.icon ?? null;
}

/** The same icon in another colour and/or line width; null when `src` is not an icon. */
export function restyleIcon(src: string, look: Partial<IconLook>): string | null {
  const d = decode(src);
  if (!d) return null;
  const next: IconLook = { ...d.icon, ...look };
  checkLook(next);
  let svg = replaceColor(d.svg, d.icon.color, next.color);
  const root = ROOT_RE.exec(svg)!;
  svg = `<svg${setAttr(root[1]!, 'stroke-width', String(next.strokeWidth))}>${svg.slice(root[0].length)}`;
  return PREFIX + encodeURIComponent(svg);
}

/** Another icon of the set in the colour and line width of `src`; null when `src` is not an icon. */
export function replaceIcon(src: string, name: string, setSvg: string): string | null {
  const current = parseIconSrc(src);
  return current && iconSrc(name, setSvg, current);
}
