// Pure document edits. Each returns a new document (or the same object when nothing
// changed, so no empty undo step is recorded) and never mutates its input.
import {
  type Canvas,
  type Layer,
  type LayerInput,
  LIMITS,
  LayerSchema,
  type TemplateDocument,
  allLayers,
  mapLayerTree,
  parentGroup,
} from '@layercast/shared';
import { newLayerId, uniqueLayerName } from './layer-names';

/** A complete layer from a partial one, with every default the schema defines. */
export function makeLayer(input: LayerInput, doc: TemplateDocument): Layer {
  const parsed = LayerSchema.parse(input);
  const id = newLayerId(allLayers(doc.layers).map((l) => l.id));
  return { ...parsed, id } as Layer;
}

export function addLayer(doc: TemplateDocument, layer: Layer): TemplateDocument {
  return { ...doc, layers: [...doc.layers, layer] };
}

export type LayerPatch = Partial<Omit<Layer, 'id' | 'type'>> & Record<string, unknown>;

/**
 * Applies a patch (or a function) to the given layers, wherever they are in the tree;
 * untouched layers keep identity.
 */
export function updateLayers(
  doc: TemplateDocument,
  ids: readonly string[],
  patch: LayerPatch | ((layer: Layer) => Layer),
): TemplateDocument {
  const set = new Set(ids);
  const layers = mapLayerTree(doc.layers, (layer) => {
    if (!set.has(layer.id)) return layer;
    const next = typeof patch === 'function' ? patch(layer) : ({ ...layer, ...patch } as Layer);
    return next === layer || shallowEqual(next, layer) ? layer : next;
  });
  return layers === doc.layers ? doc : { ...doc, layers };
}

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Removes the layers `ids` from the tree; a group left without children goes too. */
export function removeLayers(doc: TemplateDocument, ids: readonly string[]): TemplateDocument {
  const set = new Set(ids);
  const prune = (list: readonly Layer[]): Layer[] => {
    const out: Layer[] = [];
    for (const l of list) {
      if (set.has(l.id)) continue;
      if (l.type !== 'group') {
        out.push(l);
        continue;
      }
      const children = prune(l.layers);
      if (children.length === 0) continue;
      out.push(
        children.length === l.layers.length && children.every((c, i) => c === l.layers[i])
          ? l
          : { ...l, layers: children },
      );
    }
    return out;
  };
  const layers = prune(doc.layers);
  return layers.length === doc.layers.length && layers.every((l, i) => l === doc.layers[i]) ? doc : { ...doc, layers };
}

/**
 * Inserts copies of `source` layers (from this or another template) above the top layer,
 * with new ids, unique names and an offset so the copy is visibly distinct.
 */
export function insertCopies(
  doc: TemplateDocument,
  source: readonly Layer[],
  offset: number,
  /** The group whose children the copies join (above the others), or null for the top level. */
  parentId: string | null = null,
): { doc: TemplateDocument; ids: string[] } {
  const everyLayer = allLayers(doc.layers);
  const taken = new Set(everyLayer.map((l) => l.name));
  const takenIds = new Set(everyLayer.map((l) => l.id));
  // A copied group's children get new names and ids too: names are unique across the tree.
  const renamed = (layer: Layer): Layer => {
    const name = uniqueLayerName(layer.name, taken);
    taken.add(name);
    const id = newLayerId(takenIds);
    takenIds.add(id);
    return (
      layer.type === 'group' ? { ...layer, id, name, layers: layer.layers.map(renamed) } : { ...layer, id, name }
    ) as Layer;
  };
  const copies = source.map(
    (layer) => ({ ...renamed(layer), x: layer.x + offset, y: layer.y + offset, locked: false }) as Layer,
  );
  if (everyLayer.length + allLayers(copies).length > LIMITS.maxLayers) return { doc, ids: [] };
  const ids = copies.map((l) => l.id);
  if (parentId === null) return { doc: { ...doc, layers: [...doc.layers, ...copies] }, ids };
  const layers = mapLayerTree(doc.layers, (l) =>
    l.id === parentId && l.type === 'group' ? { ...l, layers: [...l.layers, ...copies] } : l,
  );
  return { doc: { ...doc, layers }, ids };
}

/**
 * Copies of the layers `ids` (a group with its children), each above the others of its
 * list: a layer inside a group is copied into that group.
 */
export function duplicateLayers(doc: TemplateDocument, ids: readonly string[]) {
  const set = new Set(ids);
  const byParent = new Map<string | null, Layer[]>();
  for (const layer of allLayers(doc.layers)) {
    if (!set.has(layer.id)) continue;
    const parent = parentGroup(doc.layers, layer.id)?.id ?? null;
    // A layer inside a group that is copied too goes along with it.
    if (parent !== null && hasSelectedAncestor(doc, layer.id, set)) continue;
    byParent.set(parent, [...(byParent.get(parent) ?? []), layer]);
  }
  let out = doc;
  const copied: string[] = [];
  for (const [parent, layers] of byParent) {
    const r = insertCopies(out, layers, 20, parent);
    out = r.doc;
    copied.push(...r.ids);
  }
  return { doc: out, ids: copied };
}

function hasSelectedAncestor(doc: TemplateDocument, id: string, set: ReadonlySet<string>): boolean {
  for (let g = parentGroup(doc.layers, id); g; g = parentGroup(doc.layers, g.id)) if (set.has(g.id)) return true;
  return false;
}

/** Moves unlocked layers by (dx, dy); locked layers stay put. */
export function nudgeLayers(doc: TemplateDocument, ids: readonly string[], dx: number, dy: number): TemplateDocument {
  return updateLayers(doc, ids, (l) => (l.locked ? l : ({ ...l, x: l.x + dx, y: l.y + dy } as Layer)));
}

export type ZOrderMove = 'forward' | 'backward' | 'front' | 'back';

/**
 * Reorders the selected layers, keeping their order among themselves. `layers` is bottom
 * to top, so "forward" means a higher index.
 */
export function reorderLayers(doc: TemplateDocument, ids: readonly string[], move: ZOrderMove): TemplateDocument {
  // Inside a group the children are reordered among themselves.
  const layers = reorderList(doc.layers, new Set(ids), move);
  return layers === doc.layers ? doc : { ...doc, layers };
}

function reorderList(list: readonly Layer[], set: ReadonlySet<string>, move: ZOrderMove): Layer[] {
  const own = reorderSiblings(list, set, move);
  let changed = own !== list;
  const next = own.map((l) => {
    if (l.type !== 'group') return l;
    const children = reorderList(l.layers, set, move);
    if (children === l.layers) return l;
    changed = true;
    return { ...l, layers: children };
  });
  return changed ? next : (list as Layer[]);
}

function reorderSiblings(list: readonly Layer[], set: ReadonlySet<string>, move: ZOrderMove): readonly Layer[] {
  const doc = { layers: list };
  const layers = [...list];
  if (move === 'front' || move === 'back') {
    const picked = layers.filter((l) => set.has(l.id));
    const rest = layers.filter((l) => !set.has(l.id));
    const next = move === 'front' ? [...rest, ...picked] : [...picked, ...rest];
    return sameOrder(next, doc.layers) ? list : next;
  }
  if (move === 'forward') {
    for (let i = layers.length - 2; i >= 0; i--) {
      const a = layers[i];
      const b = layers[i + 1];
      if (a && b && set.has(a.id) && !set.has(b.id)) [layers[i], layers[i + 1]] = [b, a];
    }
  } else {
    for (let i = 1; i < layers.length; i++) {
      const a = layers[i - 1];
      const b = layers[i];
      if (a && b && set.has(b.id) && !set.has(a.id)) [layers[i - 1], layers[i]] = [b, a];
    }
  }
  return sameOrder(layers, list) ? list : layers;
}

/** Moves one layer to an index (bottom to top), as the layers panel's drag does. */
export function moveLayerTo(doc: TemplateDocument, id: string, index: number): TemplateDocument {
  const from = doc.layers.findIndex((l) => l.id === id);
  if (from < 0) return doc;
  const layers = [...doc.layers];
  const [layer] = layers.splice(from, 1);
  if (!layer) return doc;
  const to = Math.max(0, Math.min(layers.length, index));
  layers.splice(to, 0, layer);
  return sameOrder(layers, doc.layers) ? doc : { ...doc, layers };
}

function sameOrder(a: readonly Layer[], b: readonly Layer[]): boolean {
  return a.length === b.length && a.every((l, i) => l === b[i]);
}

export function updateCanvas(doc: TemplateDocument, patch: Partial<Canvas>): TemplateDocument {
  const canvas = { ...doc.canvas, ...patch };
  return shallowEqual(canvas, doc.canvas) ? doc : { ...doc, canvas };
}
