// Grouping as pure document edits. Children are stored relative to their group's box
// (docs/model-and-layout.md), so grouping subtracts the box's corner from each layer and
// ungrouping maps each child's centre back through the group's rotation.
import {
  type GroupLayer,
  LIMITS,
  type Layer,
  type TemplateDocument,
  allLayers,
  findLayer,
  parentGroup,
} from '@layercast/shared';
import { newLayerId, uniqueLayerName } from './layer-names';
import { rotatedBounds, unionBounds } from './snapping';

const round2 = (v: number) => Math.round(v * 100) / 100;

/** The list that holds the layer `id`: the document's, or its group's children. */
export function siblingsOf(doc: TemplateDocument, id: string): readonly Layer[] {
  return parentGroup(doc.layers, id)?.layers ?? doc.layers;
}

/** How deep the deepest group inside `layer` goes (a leaf is 0, a flat group 1). */
function groupDepth(layer: Layer): number {
  return layer.type === 'group' ? 1 + Math.max(0, ...layer.layers.map(groupDepth)) : 0;
}

/** How many groups enclose the layer `id`. */
function depthOf(doc: TemplateDocument, id: string): number {
  let depth = 0;
  for (let g = parentGroup(doc.layers, id); g; g = parentGroup(doc.layers, g.id)) depth++;
  return depth;
}

/** The tree with the list holding `parentId`'s children (or the top list for null) replaced. */
function replaceList(
  layers: readonly Layer[],
  parentId: string | null,
  fn: (list: readonly Layer[]) => Layer[],
): Layer[] {
  if (parentId === null) return fn(layers);
  return layers.map((l) => {
    if (l.type !== 'group') return l;
    if (l.id === parentId) return { ...l, layers: fn(l.layers) };
    const inner = replaceList(l.layers, parentId, fn);
    return inner.every((c, i) => c === l.layers[i]) ? l : { ...l, layers: inner };
  });
}

/** Whether the layers `ids` can become one group: two or more, all in the same list. */
export function canGroup(doc: TemplateDocument, ids: readonly string[]): boolean {
  if (ids.length < 2) return false;
  const parents = new Set(
    ids.map((id) => (findLayer(doc.layers, id) ? (parentGroup(doc.layers, id)?.id ?? '') : null)),
  );
  if (parents.has(null) || parents.size !== 1) return false;
  if (allLayers(doc.layers).length + 1 > LIMITS.maxLayers) return false;
  const first = ids[0] as string;
  const deepest = Math.max(...ids.map((id) => groupDepth(findLayer(doc.layers, id) as Layer)));
  return depthOf(doc, first) + 1 + deepest <= LIMITS.maxGroupDepth;
}

/**
 * Puts the layers `ids` (siblings) into a new group whose box is the union of their boxes
 * (rotated ones by the box they cover). The group takes the place of the topmost of them,
 * and they keep their order inside it.
 */
export function groupLayers(
  doc: TemplateDocument,
  ids: readonly string[],
): { doc: TemplateDocument; id: string | null } {
  if (!canGroup(doc, ids)) return { doc, id: null };
  const set = new Set(ids);
  const parent = parentGroup(doc.layers, ids[0] as string);
  const list = parent?.layers ?? doc.layers;
  const picked = list.filter((l) => set.has(l.id));
  const box = unionBounds(picked.map((l) => rotatedBounds(l, l.rotation)));
  if (!box) return { doc, id: null };
  const everyLayer = allLayers(doc.layers);
  const id = newLayerId(everyLayer.map((l) => l.id));
  const gx = round2(box.x);
  const gy = round2(box.y);
  const group: GroupLayer = {
    type: 'group',
    id,
    name: uniqueLayerName(
      'group',
      everyLayer.map((l) => l.name),
    ),
    x: gx,
    y: gy,
    width: Math.max(1, round2(box.width)),
    height: Math.max(1, round2(box.height)),
    rotation: 0,
    opacity: 1,
    visible: true,
    locked: false,
    layers: picked.map((l) => ({ ...l, x: round2(l.x - gx), y: round2(l.y - gy) }) as Layer),
  };
  const topIndex = Math.max(...picked.map((l) => list.indexOf(l)));
  const layers = replaceList(doc.layers, parent?.id ?? null, (items) => {
    const out: Layer[] = [];
    items.forEach((l, i) => {
      if (i === topIndex) out.push(group);
      else if (!set.has(l.id)) out.push(l);
    });
    return out;
  });
  return { doc: { ...doc, layers }, id };
}

/** A child of `group` placed in the group's parent frame, the group's rotation, opacity and visibility baked in. */
export function releaseChild(group: GroupLayer, child: Layer): Layer {
  const r = (group.rotation * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  // The child's centre relative to the group's centre, turned by the group's rotation.
  const dx = child.x + child.width / 2 - group.width / 2;
  const dy = child.y + child.height / 2 - group.height / 2;
  const cx = group.x + group.width / 2 + dx * cos - dy * sin;
  const cy = group.y + group.height / 2 + dx * sin + dy * cos;
  let rotation = round2((child.rotation + group.rotation) % 360);
  if (rotation > 180) rotation -= 360;
  if (rotation <= -180) rotation += 360;
  return {
    ...child,
    x: round2(cx - child.width / 2),
    y: round2(cy - child.height / 2),
    rotation,
    opacity: round2(child.opacity * group.opacity),
    visible: child.visible && group.visible,
    locked: child.locked || group.locked,
  } as Layer;
}

/** Replaces each group among `ids` by its children, in place on the canvas and in the order. */
export function ungroupLayers(doc: TemplateDocument, ids: readonly string[]): { doc: TemplateDocument; ids: string[] } {
  const groups = ids
    .map((id) => findLayer(doc.layers, id))
    .filter((l): l is GroupLayer => l?.type === 'group' && !l.locked);
  if (groups.length === 0) return { doc, ids: [] };
  let layers = doc.layers;
  const released: string[] = [];
  for (const group of groups) {
    const parentId = parentGroup(layers, group.id)?.id ?? null;
    layers = replaceList(layers, parentId, (items) =>
      items.flatMap((l) => (l.id === group.id && l.type === 'group' ? l.layers.map((c) => releaseChild(l, c)) : [l])),
    );
    released.push(...group.layers.map((c) => c.id));
  }
  return { doc: { ...doc, layers }, ids: released };
}

/**
 * A group resized to `width` × `height`: its children's boxes scale with it (positions and
 * sizes; text keeps its font size, as when a text box is resized).
 */
export function resizeGroup(group: GroupLayer, width: number, height: number): GroupLayer {
  const sx = width / group.width;
  const sy = height / group.height;
  if (sx === 1 && sy === 1) return group;
  const scale = (l: Layer): Layer => {
    const box = {
      x: round2(l.x * sx),
      y: round2(l.y * sy),
      width: Math.max(1, round2(l.width * sx)),
      height: Math.max(1, round2(l.height * sy)),
    };
    return (
      l.type === 'group' ? { ...resizeGroup(l, box.width, box.height), x: box.x, y: box.y } : { ...l, ...box }
    ) as Layer;
  };
  return { ...group, width, height, layers: group.layers.map(scale) };
}
