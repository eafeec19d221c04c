// layoutTemplate: document + overrides + platform → the resolved scene. Pure.
import {
  type GroupLayer,
  type Layer,
  type Overrides,
  type TemplateDocument,
  LIMITS,
  type VariableValues,
  allLayers,
  applyOverrides,
  assertNever,
  normalizeColor,
  mapLayerTree,
  parseColor,
  substituteVariables,
} from '@layercast/shared';
import { needsNoGlyph, replaceMissingGlyphs } from '../coverage';
import { boxBounds, inkBounds } from '../hit';
import type {
  Diagnostics,
  GroupBox,
  ImageErrors,
  ImageSizes,
  LayoutEnv,
  Matrix,
  Scene,
  SceneNode,
  UnplacedNode,
} from '../types';
import { placeFill } from './fill';
import { cornerRadii, fitCroppedImage, fitImage, paintFilters } from './image';
import { layoutQr } from './qr';
import { shadowOf, strokeOf } from './style';
import { layoutText } from './text';
import { type PlacedBox, frameOf } from './transform';
import { lineGeometry, polygonVertices, starVertices } from './vector';

export interface LayoutInput {
  layers?: Overrides;
  variables?: VariableValues;
}

export interface SceneEnv extends LayoutEnv {
  /** Natural sizes of the images that loaded. */
  images?: ImageSizes;
  /** Why the others did not. */
  imageErrors?: ImageErrors;
}

/** The document with validated overrides applied: what is laid out and what images it needs. */
export function resolveDocument(doc: TemplateDocument, input: LayoutInput = {}): TemplateDocument {
  const resolved = applyOverrides(doc, input.layers ?? {});
  // An image source may name variables too (`{{page.image}}` from a URL's page metadata).
  const values = input.variables ?? {};
  const fill = (src: string) => (src.includes('{{') ? substituteVariables(src, doc, values) : src);
  const needs = (src: string | undefined) => src?.includes('{{') === true;
  if (
    !needs(resolved.canvas.backgroundImage) &&
    !allLayers(resolved.layers).some((l) => l.type === 'image' && needs(l.src))
  ) {
    return resolved;
  }
  return {
    ...resolved,
    canvas: resolved.canvas.backgroundImage
      ? { ...resolved.canvas, backgroundImage: fill(resolved.canvas.backgroundImage) }
      : resolved.canvas,
    layers: mapLayerTree(resolved.layers, (l) => (l.type === 'image' && needs(l.src) ? { ...l, src: fill(l.src) } : l)),
  };
}

/** Every image source a document needs, for the caller to load before layout. */
export function collectImageSources(doc: TemplateDocument): string[] {
  const srcs = new Set<string>();
  if (doc.canvas.backgroundImage) srcs.add(doc.canvas.backgroundImage);
  const walk = (layers: readonly Layer[]) => {
    for (const layer of layers) {
      if (!layer.visible) continue;
      if (layer.type === 'group') walk(layer.layers);
      else if (layer.type === 'image' && layer.src) srcs.add(layer.src);
    }
  };
  walk(doc.layers);
  return [...srcs];
}

function imageFailure(src: string, env: SceneEnv): string {
  if (!src) return 'no image source';
  return env.imageErrors?.get(src) ?? 'image not loaded';
}

function missingGlyphs(texts: string[], env: LayoutEnv): string[] {
  if (!env.hasGlyph) return [];
  const missing = new Set<string>();
  for (const text of texts) {
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (!needsNoGlyph(cp) && !env.hasGlyph(cp)) missing.add(ch);
    }
  }
  return [...missing];
}

/**
 * At most this many UTF-16 units of one text are laid out. Each text and each variable
 * value is at most `LIMITS.maxTextLength`, but a text repeating a placeholder can grow far
 * beyond that once the values are filled in; no card shows more than this.
 */
export const MAX_LAID_OUT_TEXT = 2 * LIMITS.maxTextLength;

const capSegmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

function capText(text: string): { text: string; cut?: string } {
  if (text.length <= MAX_LAID_OUT_TEXT) return { text };
  // Cut at a grapheme boundary so no emoji or syllable is split in half.
  const at = capSegmenter.segment(text).containing(MAX_LAID_OUT_TEXT)?.index ?? MAX_LAID_OUT_TEXT;
  return {
    text: text.slice(0, at),
    cut: `the text with its variables filled in is ${text.length} characters; the first ${at} were laid out`,
  };
}

/** A node with the geometry every consumer reads (frame, bounds, ink), derived once. */
function placeNode(node: UnplacedNode): SceneNode {
  return { ...node, frame: frameOf(node), bounds: boxBounds(node), ink: inkBounds(node) } as SceneNode;
}

/** The groups a layer is inside, composed: where their box puts a child's local (0, 0). */
interface GroupPlacement {
  matrix: Matrix;
  rotation: number;
  opacity: number;
}

/**
 * A group's child on the canvas. Groups only translate and rotate, so the composed
 * transform is again a box turned about its centre: the child's centre goes through the
 * groups' matrix and the rotations add up. Unrotated groups add their offset exactly.
 */
function placeInGroup<T extends PlacedBox & { opacity: number }>(node: T, group: GroupPlacement): T {
  const [a, b, c, d, e, f] = group.matrix;
  const opacity = node.opacity * group.opacity;
  if (group.rotation === 0) return { ...node, x: node.x + e, y: node.y + f, opacity };
  const cx = node.x + node.width / 2;
  const cy = node.y + node.height / 2;
  return {
    ...node,
    x: a * cx + c * cy + e - node.width / 2,
    y: b * cx + d * cy + f - node.height / 2,
    rotation: node.rotation + group.rotation,
    opacity,
  };
}

function enterGroup(group: GroupLayer, parent: GroupPlacement | null): { placement: GroupPlacement; box: GroupBox } {
  const placed = parent ? placeInGroup(group, parent) : group;
  const frame = frameOf(placed);
  const { id, name, x, y, width, height, rotation } = placed;
  return {
    placement: { matrix: frame.matrix, rotation, opacity: placed.opacity },
    box: { id, name, x, y, width, height, rotation, frame, bounds: boxBounds(placed) },
  };
}

export function layoutTemplate(document: TemplateDocument, input: LayoutInput, env: SceneEnv): Scene {
  const doc = resolveDocument(document, input);
  const values = input.variables ?? {};
  const diagnostics: Diagnostics = { layers: {}, missingGlyphs: [] };
  const nodes: SceneNode[] = [];
  const groups: GroupBox[] = [];
  const texts: string[] = [];
  const warnings: string[] = [];

  const layoutLayer = (layer: Exclude<Layer, GroupLayer>): UnplacedNode => {
    const base = {
      id: layer.id,
      name: layer.name,
      x: layer.x,
      y: layer.y,
      width: layer.width,
      height: layer.height,
      rotation: layer.rotation,
      opacity: layer.opacity,
    };
    switch (layer.type) {
      case 'text': {
        const { text, cut } = capText(substituteVariables(layer.text, doc, values));
        texts.push(text);
        const { node, diagnostic } = layoutText(layer, replaceMissingGlyphs(text, env.hasGlyph), env);
        diagnostics.layers[layer.name] = cut ? { ...diagnostic, textCut: cut } : diagnostic;
        return node;
      }
      case 'image': {
        const size = layer.src ? env.images?.get(layer.src) : undefined;
        diagnostics.layers[layer.name] = size
          ? { type: 'image', loaded: true }
          : { type: 'image', loaded: false, error: imageFailure(layer.src, env) };
        return {
          ...base,
          type: 'image',
          src: layer.src,
          draw: size
            ? fitCroppedImage(
                size.width,
                size.height,
                layer.crop,
                layer.width,
                layer.height,
                layer.objectFit,
                layer.objectPosition,
              )
            : null,
          mask: layer.mask,
          radii: cornerRadii(layer.borderRadius),
          filters: paintFilters(layer.filters),
          stroke: strokeOf(layer),
          shadow: shadowOf(layer.shadow),
        };
      }
      case 'rect':
      case 'ellipse':
        return {
          ...base,
          type: layer.type,
          fill: placeFill(layer.fill, layer.width, layer.height),
          cornerRadius: layer.type === 'rect' ? layer.cornerRadius : 0,
          stroke: strokeOf(layer),
          shadow: shadowOf(layer.shadow),
        };
      case 'line':
        return {
          ...base,
          type: 'line',
          ...lineGeometry(layer),
          stroke: { color: normalizeColor(layer.stroke), width: layer.strokeWidth },
          dash: layer.dash,
          lineCap: layer.lineCap,
          shadow: shadowOf(layer.shadow),
        };
      case 'polygon':
      case 'star':
        return {
          ...base,
          type: layer.type,
          vertices: layer.type === 'polygon' ? polygonVertices(layer) : starVertices(layer),
          fill: placeFill(layer.fill, layer.width, layer.height),
          stroke: strokeOf(layer),
          shadow: shadowOf(layer.shadow),
        };
      case 'qr': {
        // The data may name variables, as text does (`{{url}}` per card).
        const data = substituteVariables(layer.data, doc, values);
        const qr = layoutQr(data, layer.errorCorrection, layer.quietZone, layer.width, layer.height);
        if (!qr.ok) warnings.push(`qr ${layer.name}: ${qr.error}; nothing is drawn`);
        const background = normalizeColor(layer.background);
        return {
          ...base,
          type: 'qr',
          color: normalizeColor(layer.color),
          background: parseColor(background)?.a === 0 ? null : background,
          symbol: qr.ok ? qr.symbol : null,
        };
      }
      default:
        return assertNever(layer, 'layer');
    }
  };

  // Groups are flattened here: their visible children join the painted list in order, with
  // the groups' transforms composed and their opacities multiplied.
  const layoutLayers = (layers: readonly Layer[], group: GroupPlacement | null) => {
    for (const layer of layers) {
      if (!layer.visible) continue;
      if (layer.type === 'group') {
        const { placement, box } = enterGroup(layer, group);
        groups.push(box);
        layoutLayers(layer.layers, placement);
        continue;
      }
      const node = layoutLayer(layer);
      nodes.push(placeNode(group ? placeInGroup(node, group) : node));
    }
  };
  layoutLayers(doc.layers, null);

  const { width, height, background, backgroundImage: bgSrc } = doc.canvas;
  let backgroundImage: Scene['backgroundImage'] = null;
  if (bgSrc) {
    const size = env.images?.get(bgSrc);
    diagnostics.background = size
      ? { type: 'image', loaded: true }
      : { type: 'image', loaded: false, error: imageFailure(bgSrc, env) };
    if (size)
      backgroundImage = {
        src: bgSrc,
        ...fitImage(size.width, size.height, width, height, 'cover', { x: 0.5, y: 0.5 }),
      };
  }
  diagnostics.missingGlyphs = missingGlyphs(texts, env);
  if (warnings.length) diagnostics.warnings = warnings;
  return {
    width,
    height,
    background: placeFill(background, width, height),
    backgroundImage,
    nodes,
    groups,
    diagnostics,
  };
}
