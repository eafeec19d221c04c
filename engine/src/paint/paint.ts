// paintScene / paintLayer: the one painter the server and the editor both call.
import { assertNever } from '@layercast/shared';
import type { ImageNode, PaintImages, Scene, SceneNode, ShapeNode, TextNode } from '../types';
import { type Ctx, applyShadow, clearShadow, ellipsePath, fillStyleOf, roundRectPath } from './context';

type DrawableImage = CanvasImageSource;

function paintShape(ctx: Ctx, node: ShapeNode): void {
  const path = () =>
    node.type === 'ellipse' ? ellipsePath(ctx, node.width, node.height) : roundRectPath(ctx, 0, 0, node.width, node.height, node.cornerRadius);
  path();
  ctx.fillStyle = fillStyleOf(ctx, node.fill);
  applyShadow(ctx, node.shadow);
  ctx.fill();
  if (node.stroke) {
    clearShadow(ctx);
    ctx.lineWidth = node.stroke.width;
    ctx.strokeStyle = node.stroke.color;
    ctx.stroke();
  }
}

/**
 * A box-shaped shadow that does not show through transparent pixels: the shape is drawn
 * far outside the visible area and only its shadow is offset back into place.
 */
function paintBoxShadow(ctx: Ctx, node: ImageNode): void {
  if (!node.shadow) return;
  const far = 100_000;
  ctx.save();
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
    ctx.fillStyle = node.highlight.color;
    for (const r of node.highlight.rects) ctx.fillRect(r.x, r.y, r.width, r.height);
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

/** Draws one node in its local frame (0,0)-(width,height), with its opacity. */
export function paintLayer(ctx: Ctx, node: SceneNode, images: PaintImages): void {
  ctx.save();
  ctx.globalAlpha *= node.opacity;
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
  ctx.fillStyle = fillStyleOf(ctx, scene.background);
  ctx.fillRect(0, 0, scene.width, scene.height);
  const bg = scene.backgroundImage;
  const image = bg ? (images.get(bg.src) as DrawableImage | undefined) : undefined;
  if (bg && image) {
    const { source: s, dest: d } = bg;
    ctx.drawImage(image, s.x, s.y, s.width, s.height, d.x, d.y, d.width, d.height);
  }
  ctx.restore();
}

/** The whole scene: background, then every node bottom to top. */
export function paintScene(ctx: Ctx, scene: Scene, images: PaintImages): void {
  paintBackground(ctx, scene, images);
  for (const node of scene.nodes) {
    ctx.save();
    enterNodeFrame(ctx, node);
    paintLayer(ctx, node, images);
    ctx.restore();
  }
}
