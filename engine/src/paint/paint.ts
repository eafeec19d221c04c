// paintScene / paintLayer: the one painter the server and the editor both call.
import { assertNever } from '@layercast/shared';
import type {
  ImageNode,
  PaintImage,
  PaintImageFilters,
  PaintImages,
  Rect,
  Scene,
  SceneNode,
  ShapeNode,
  TextLine,
  TextNode,
} from '../types';
import { transformedBounds } from '../layout/transform';
import { isVectorImage, vectorRasterWidth } from '../svg';
import { type Ctx, applyShadow, clearShadow, cornersPath, ellipsePath, fillPath, roundRectPath } from './context';
import { filteredImage } from './image-filters';
import { paintLine, paintPolygon, paintQr } from './vector';

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
  maskPath(ctx, node, 0, 0, false);
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
  maskPath(ctx, node, dx, dy);
  ctx.fillStyle = '#000';
  ctx.fill();
  ctx.restore();
}

/**
 * Draws `source` (in the image's intrinsic units) of an image into `dest`. An SVG is
 * rasterised whole at the size it has on the device here, so it stays sharp at any scale
 * or zoom, and its raster then drawn like any bitmap. A raster that cannot be made draws
 * nothing (the server tried it before painting and reported why).
 */
function drawFitted(
  ctx: Ctx,
  image: PaintImage,
  draw: { source: Rect; dest: Rect },
  filter?: { filters: PaintImageFilters; createSurface: LayerSurfaceFactory | null },
): void {
  const { source: s, dest: d } = draw;
  let bitmap: { image: DrawableImage; width: number; height: number; kx: number; ky: number };
  if (!isVectorImage(image)) {
    // An <img> reports its natural size apart from its layout size.
    const sized = image as { width: number; height: number; naturalWidth?: number; naturalHeight?: number };
    const width = sized.naturalWidth ?? sized.width;
    const height = sized.naturalHeight ?? sized.height;
    bitmap = { image: image as DrawableImage, width, height, kx: 1, ky: 1 };
  } else {
    let raster: ReturnType<typeof image.rasterize>;
    try {
      raster = image.rasterize(vectorRasterWidth(image, draw, ctx.getTransform()));
    } catch {
      return;
    }
    bitmap = {
      image: raster.image as DrawableImage,
      width: raster.width,
      height: raster.height,
      kx: raster.width / image.width,
      ky: raster.height / image.height,
    };
  }
  let source: DrawableImage = bitmap.image;
  if (filter?.createSurface) {
    // The blur is given in layer pixels; the bitmap is blurred in its own.
    const blurPx = (filter.filters.blur * (s.width * bitmap.kx)) / d.width;
    const filtered = filteredImage(
      bitmap.image,
      bitmap.width,
      bitmap.height,
      filter.filters,
      blurPx,
      filter.createSurface,
    );
    if (filtered) source = filtered as CanvasImageSource;
  }
  const { kx, ky } = bitmap;
  ctx.drawImage(source, s.x * kx, s.y * ky, s.width * kx, s.height * ky, d.x, d.y, d.width, d.height);
}

/** The image's mask: its box with rounded corners, or the ellipse in it, at (x, y). */
function maskPath(ctx: Ctx, node: ImageNode, x = 0, y = 0, begin = true): void {
  if (node.mask === 'ellipse') ellipsePath(ctx, node.width, node.height, x, y, begin);
  else cornersPath(ctx, x, y, node.width, node.height, node.radii, begin);
}

function paintImage(ctx: Ctx, node: ImageNode, images: PaintImages, options: PaintOptions): void {
  const image = images.get(node.src);
  if (!node.draw || !image) return;
  paintBoxShadow(ctx, node);
  ctx.save();
  maskPath(ctx, node);
  ctx.clip();
  const createSurface = options.imageSurfaces === undefined ? options.layerSurfaces : options.imageSurfaces;
  drawFitted(ctx, image, node.draw, node.filters ? { filters: node.filters, createSurface } : undefined);
  ctx.restore();
  if (node.stroke) {
    maskPath(ctx, node);
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
    for (const line of node.lines) drawLine(ctx, line, 'stroke');
    clearShadow(ctx);
  }
  for (const line of node.lines) drawLine(ctx, line, 'fill');
}

/**
 * One line: whole, or run by run in the order layout decided, each run with the canvas
 * direction of its own so the shaper joins and mirrors it and has nothing to reorder
 * (`textAlign` stays `left`: x is always the run's left edge).
 */
function drawLine(ctx: Ctx, line: TextLine, mode: 'fill' | 'stroke'): void {
  if (!line.runs) {
    if (mode === 'fill') ctx.fillText(line.text, line.x, line.baseline);
    else ctx.strokeText(line.text, line.x, line.baseline);
    return;
  }
  for (const run of line.runs) {
    ctx.direction = run.rtl ? 'rtl' : 'ltr';
    if (mode === 'fill') ctx.fillText(run.text, line.x + run.x, line.baseline);
    else ctx.strokeText(run.text, line.x + run.x, line.baseline);
  }
  ctx.direction = 'ltr';
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
   * Where translucent layers are composited, injected by the platform: the browser entry
   * point's `browserLayerSurfaces` (OffscreenCanvas), the node backend's Skia canvases for
   * raster output, and null for SVG and PDF, which then keep every layer vector and apply
   * opacity per draw call.
   */
  layerSurfaces: LayerSurfaceFactory | null;
  /**
   * Where filtered images are computed (see ./image-filters): a pixel surface even when the
   * output is vector. `layerSurfaces` when left out; without either, filters are skipped.
   */
  imageSurfaces?: LayerSurfaceFactory | null;
}

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
  // A QR symbol's modules lie over its background; its runs never overlap each other.
  if (node.type === 'qr') return node.background !== null;
  return Boolean(node.stroke || node.shadow || (node.type === 'text' && node.highlight));
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
  // The ink bounds layout computed, in device pixels.
  const device = transformedBounds(m, node.ink);
  const left = Math.max(0, Math.floor(device.x0));
  const top = Math.max(0, Math.floor(device.y0));
  const right = Math.min(canvas.width, Math.ceil(device.x1));
  const bottom = Math.min(canvas.height, Math.ceil(device.y1));
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

function paintNode(ctx: Ctx, node: SceneNode, images: PaintImages, options: PaintOptions): void {
  switch (node.type) {
    case 'text':
      paintText(ctx, node);
      break;
    case 'image':
      paintImage(ctx, node, images, options);
      break;
    case 'rect':
    case 'ellipse':
      paintShape(ctx, node);
      break;
    case 'line':
      paintLine(ctx, node);
      break;
    case 'polygon':
    case 'star':
      paintPolygon(ctx, node);
      break;
    case 'qr':
      paintQr(ctx, node);
      break;
    default:
      assertNever(node, 'scene node');
  }
}

/** Draws one node in its local frame (0,0)-(width,height), with its opacity. */
export function paintLayer(ctx: Ctx, node: SceneNode, images: PaintImages, options: PaintOptions): void {
  const surfaces = options.layerSurfaces;
  if (
    surfaces &&
    needsCompositing(node) &&
    paintComposited(ctx, node, surfaces, (target) => paintNode(target, node, images, options))
  )
    return;
  ctx.save();
  ctx.globalAlpha *= node.opacity;
  paintNode(ctx, node, images, options);
  ctx.restore();
}

/** Moves the context to a node's local frame (layout computed it: `node.frame`). */
export function enterNodeFrame(ctx: Ctx, node: SceneNode): void {
  ctx.transform(...node.frame.matrix);
}

export function paintBackground(ctx: Ctx, scene: Scene, images: PaintImages): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, scene.width, scene.height);
  fillPath(ctx, scene.background);
  const bg = scene.backgroundImage;
  const image = bg ? images.get(bg.src) : undefined;
  if (bg && image) drawFitted(ctx, image, bg);
  ctx.restore();
}

/** The whole scene: background, then every node bottom to top. */
export function paintScene(ctx: Ctx, scene: Scene, images: PaintImages, options: PaintOptions): void {
  paintBackground(ctx, scene, images);
  for (const node of scene.nodes) {
    ctx.save();
    enterNodeFrame(ctx, node);
    paintLayer(ctx, node, images, options);
    ctx.restore();
  }
}
