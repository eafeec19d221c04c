// paintScene / paintLayer: the one painter the server and the editor both call.
import { assertNever } from '@layercast/shared';
import type { ImageNode, PaintImages, Scene, SceneNode, ShapeNode, TextNode } from '../types';
import { type Ctx, applyShadow, clearShadow, ellipsePath, fillPath, roundRectPath } from './context';

type DrawableImage = CanvasImageSource;

function paintShape(ctx: Ctx, node: ShapeNode): void {
  const path = () =>
    node.type === 'ellipse'
      ? ellipsePath(ctx, node.width, node.height)
      : roundRectPath(ctx, 0, 0, node.width, node.height, node.cornerRadius);
  path();
  applyShadow(ctx, node.shadow);
  fillPath(ctx, node.fill);
  if (node.stroke) {
    clearShadow(ctx);
    ctx.lineWidth = node.stroke.width;
    ctx.strokeStyle = node.stroke.color;
    ctx.stroke();
  }
}

/**
 * A box-shaped shadow, as CSS `box-shadow` draws it: never inside the box, so it does not
 * show through an image's transparent pixels. The box is cut out of the clip, the shape
 * is drawn far outside the visible area and only its shadow is offset back into place.
 */
function paintBoxShadow(ctx: Ctx, node: ImageNode): void {
  if (!node.shadow) return;
  const far = 100_000;
  ctx.save();
  const { blur, offsetX, offsetY } = node.shadow;
  const reach = 2 * blur + Math.abs(offsetX) + Math.abs(offsetY) + 1;
  ctx.beginPath();
  ctx.rect(-reach, -reach, node.width + 2 * reach, node.height + 2 * reach);
  roundRectPath(ctx, 0, 0, node.width, node.height, node.borderRadius, false);
  ctx.clip('evenodd');
  const m = ctx.getTransform();
  const scale = Math.hypot(m.a, m.b) || 1;
  applyShadow(ctx, node.shadow);
  // The offset is in device pixels and unrotated: move the shape by `far` device pixels.
  const inv = m.inverse();
  const dx = inv.a * far;
  const dy = inv.b * far;
  ctx.shadowOffsetX = node.shadow.offsetX * scale - far;
  ctx.shadowOffsetY = node.shadow.offsetY * scale;
  roundRectPath(ctx, dx, dy, node.width, node.height, node.borderRadius);
  ctx.fillStyle = '#000';
  ctx.fill();
  ctx.restore();
}

function paintImage(ctx: Ctx, node: ImageNode, images: PaintImages): void {
  const image = images.get(node.src) as DrawableImage | undefined;
  if (!node.draw || !image) return;
  paintBoxShadow(ctx, node);
  ctx.save();
  roundRectPath(ctx, 0, 0, node.width, node.height, node.borderRadius);
  ctx.clip();
  const { source: s, dest: d } = node.draw;
  ctx.drawImage(image, s.x, s.y, s.width, s.height, d.x, d.y, d.width, d.height);
  ctx.restore();
  if (node.stroke) {
    roundRectPath(ctx, 0, 0, node.width, node.height, node.borderRadius);
    ctx.lineWidth = node.stroke.width;
    ctx.strokeStyle = node.stroke.color;
    ctx.stroke();
  }
}

function paintText(ctx: Ctx, node: TextNode): void {
  if (node.highlight) {
    // One path, so rows that touch leave no anti-aliased seam between them.
    ctx.beginPath();
    for (const r of node.highlight.rects) ctx.rect(r.x, r.y, r.width, r.height);
    ctx.fillStyle = node.highlight.color;
    ctx.fill();
  }
  ctx.font = node.font;
  ctx.letterSpacing = `${node.letterSpacing}px`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = node.color;
  applyShadow(ctx, node.shadow);
  if (node.stroke) {
    // Stroke under the fill, so the outline does not eat into the letters.
    ctx.lineWidth = node.stroke.width * 2;
    ctx.lineJoin = 'round';
    ctx.strokeStyle = node.stroke.color;
    for (const line of node.lines) ctx.strokeText(line.text, line.x, line.baseline);
    clearShadow(ctx);
  }
  for (const line of node.lines) ctx.fillText(line.text, line.x, line.baseline);
}

/** A raster the size of a layer's visible area, for compositing it as one (see `paintLayer`). */
export interface LayerSurface {
  width: number;
  height: number;
  getContext(type: '2d'): unknown;
}

export type LayerSurfaceFactory = (width: number, height: number) => LayerSurface | null;

export interface PaintOptions {
  /**
   * Where translucent layers are composited: OffscreenCanvas by default (browsers); the
   * node backend passes its own for raster output and null for SVG and PDF, which then
   * keep every layer vector and apply opacity per draw call.
   */
  layerSurfaces?: LayerSurfaceFactory | null;
}

const offscreenSurfaces: LayerSurfaceFactory = (width, height) =>
  typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(width, height);

/**
 * One scratch surface per factory, the size of the target canvas (no visible area is
 * larger), reused for every composited layer: a scene of many translucent layers
 * allocates one surface, not one each (their pixels are native memory the garbage
 * collector does not count).
 */
const scratchSurfaces = new WeakMap<LayerSurfaceFactory, LayerSurface>();

function scratchSurface(factory: LayerSurfaceFactory, canvasWidth: number, canvasHeight: number): LayerSurface | null {
  const current = scratchSurfaces.get(factory);
  if (current && current.width >= canvasWidth && current.height >= canvasHeight) return current;
  const next = factory(Math.max(canvasWidth, current?.width ?? 0), Math.max(canvasHeight, current?.height ?? 0));
  if (next) scratchSurfaces.set(factory, next);
  return next;
}

/**
 * Whether a translucent node overlaps itself (a stroke over its fill, a shadow under it,
 * a highlight under text): then it must be drawn opaque and composited once with its
 * opacity, as CSS `opacity` does, or the overlaps would show through each other.
 */
function needsCompositing(node: SceneNode): boolean {
  if (node.opacity >= 1) return false;
  return Boolean(node.stroke || node.shadow || (node.type === 'text' && node.highlight));
}

/** What a node can draw, in its local frame: its box, its text, and room for strokes and shadows. */
function localBounds(node: SceneNode): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = 0;
  let y0 = 0;
  let x1 = node.width;
  let y1 = node.height;
  if (node.type === 'text') {
    // A line's box can be taller than the layer's (one line always shows), and stacked
    // marks rise far above the em: a line box or two ems, whichever reaches further.
    const above = Math.max(node.lineHeightPx, 2 * node.fontSize);
    const below = Math.max(node.lineHeightPx, node.fontSize);
    for (const line of node.lines) {
      x0 = Math.min(x0, line.x);
      x1 = Math.max(x1, line.x + line.width);
      y0 = Math.min(y0, line.baseline - above);
      y1 = Math.max(y1, line.baseline + below);
    }
    for (const r of node.highlight?.rects ?? []) {
      x0 = Math.min(x0, r.x);
      y0 = Math.min(y0, r.y);
      x1 = Math.max(x1, r.x + r.width);
      y1 = Math.max(y1, r.y + r.height);
    }
    // Italic overhang and glyphs drawn past their advance.
    x0 -= node.fontSize / 2;
    x1 += node.fontSize / 2;
  }
  const stroke = node.stroke ? 2 * node.stroke.width : 0;
  const shadow = node.shadow
    ? 3 * node.shadow.blur + Math.max(Math.abs(node.shadow.offsetX), Math.abs(node.shadow.offsetY))
    : 0;
  const margin = stroke + shadow + 2;
  return { x0: x0 - margin, y0: y0 - margin, x1: x1 + margin, y1: y1 + margin };
}

/**
 * Draws a node opaque on a surface covering its visible device pixels, then that surface
 * onto `ctx` with the node's opacity. False when the context has no pixel size (vector
 * output) or no surface can be made; the caller then applies the opacity per draw call.
 */
function paintComposited(
  ctx: Ctx,
  node: SceneNode,
  createSurface: LayerSurfaceFactory,
  draw: (target: Ctx) => void,
): boolean {
  const canvas = (ctx as { canvas?: { width?: unknown; height?: unknown } }).canvas;
  if (typeof canvas?.width !== 'number' || typeof canvas.height !== 'number') return false;
  const m = ctx.getTransform();
  const b = localBounds(node);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [x, y] of [
    [b.x0, b.y0],
    [b.x1, b.y0],
    [b.x0, b.y1],
    [b.x1, b.y1],
  ] as const) {
    xs.push(m.a * x + m.c * y + m.e);
    ys.push(m.b * x + m.d * y + m.f);
  }
  const left = Math.max(0, Math.floor(Math.min(...xs)));
  const top = Math.max(0, Math.floor(Math.min(...ys)));
  const right = Math.min(canvas.width, Math.ceil(Math.max(...xs)));
  const bottom = Math.min(canvas.height, Math.ceil(Math.max(...ys)));
  if (right <= left || bottom <= top) return true; // nothing of it is visible
  const width = right - left;
  const height = bottom - top;
  const surface = scratchSurface(createSurface, canvas.width, canvas.height);
  const target = surface?.getContext('2d') as Ctx | null | undefined;
  if (!surface || !target) return false;
  // Text shaping follows the context's language: keep the one the caller chose.
  const lang = (ctx as { lang?: string }).lang;
  if (lang !== undefined) (target as { lang?: string }).lang = lang;
  target.save();
  target.setTransform(1, 0, 0, 1, 0, 0);
  target.clearRect(0, 0, width, height);
  target.setTransform(m.a, m.b, m.c, m.d, m.e - left, m.f - top);
  draw(target);
  target.restore();
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha *= node.opacity;
  ctx.drawImage(surface as CanvasImageSource, 0, 0, width, height, left, top, width, height);
  ctx.restore();
  return true;
}

function paintNode(ctx: Ctx, node: SceneNode, images: PaintImages): void {
  switch (node.type) {
    case 'text':
      paintText(ctx, node);
      break;
    case 'image':
      paintImage(ctx, node, images);
      break;
    case 'rect':
    case 'ellipse':
      paintShape(ctx, node);
      break;
    default:
      assertNever(node, 'scene node');
  }
}

/** Draws one node in its local frame (0,0)-(width,height), with its opacity. */
export function paintLayer(ctx: Ctx, node: SceneNode, images: PaintImages, options: PaintOptions = {}): void {
  const surfaces = options.layerSurfaces === undefined ? offscreenSurfaces : options.layerSurfaces;
  if (
    surfaces &&
    needsCompositing(node) &&
    paintComposited(ctx, node, surfaces, (target) => paintNode(target, node, images))
  )
    return;
  ctx.save();
  ctx.globalAlpha *= node.opacity;
  paintNode(ctx, node, images);
  ctx.restore();
}

/** Moves the context to a node's box, rotated about the box centre. */
export function enterNodeFrame(ctx: Ctx, node: SceneNode): void {
  ctx.translate(node.x + node.width / 2, node.y + node.height / 2);
  if (node.rotation) ctx.rotate((node.rotation * Math.PI) / 180);
  ctx.translate(-node.width / 2, -node.height / 2);
}

export function paintBackground(ctx: Ctx, scene: Scene, images: PaintImages): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, scene.width, scene.height);
  fillPath(ctx, scene.background);
  const bg = scene.backgroundImage;
  const image = bg ? (images.get(bg.src) as DrawableImage | undefined) : undefined;
  if (bg && image) {
    const { source: s, dest: d } = bg;
    ctx.drawImage(image, s.x, s.y, s.width, s.height, d.x, d.y, d.width, d.height);
  }
  ctx.restore();
}

/** The whole scene: background, then every node bottom to top. */
export function paintScene(ctx: Ctx, scene: Scene, images: PaintImages, options: PaintOptions = {}): void {
  paintBackground(ctx, scene, images);
  for (const node of scene.nodes) {
    ctx.save();
    enterNodeFrame(ctx, node);
    paintLayer(ctx, node, images, options);
    ctx.restore();
  }
}
