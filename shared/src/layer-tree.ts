// Layers form a tree once groups exist: whatever needs every layer (names, overrides,
// variables, fonts, images, the contract) walks it through these, so no child is missed.
import type { GroupLayer, Layer } from './schema';

/** Every layer of the tree, depth first, each group before its children. */
export function allLayers(layers: readonly Layer[]): Layer[] {
  const out: Layer[] = [];
  const walk = (list: readonly Layer[]) => {
    for (const layer of list) {
      out.push(layer);
      if (layer.type === 'group') walk(layer.layers);
    }
  };
  walk(layers);
  return out;
}

/** Every layer that draws something itself (groups left out), depth first. */
export function leafLayers(layers: readonly Layer[]): Exclude<Layer, GroupLayer>[] {
  return allLayers(layers).filter((l): l is Exclude<Layer, GroupLayer> => l.type !== 'group');
}

/** The layer with this id anywhere in the tree. */
export function findLayer(layers: readonly Layer[], id: string): Layer | undefined {
  for (const layer of layers) {
    if (layer.id === id) return layer;
    if (layer.type === 'group') {
      const found = findLayer(layer.layers, id);
      if (found) return found;
    }
  }
  return undefined;
}

/** The group directly holding the layer with this id; undefined at the top level or if absent. */
export function parentGroup(layers: readonly Layer[], id: string): GroupLayer | undefined {
  for (const layer of layers) {
    if (layer.type !== 'group') continue;
    if (layer.layers.some((child) => child.id === id)) return layer;
    const found = parentGroup(layer.layers, id);
    if (found) return found;
  }
  return undefined;
}

/**
 * The tree with `fn` applied to every layer (children first, then their group, so `fn`
 * sees a group with its children already mapped). Unchanged subtrees keep their identity.
 */
export function mapLayerTree(layers: readonly Layer[], fn: (layer: Layer) => Layer): Layer[] {
  let changed = false;
  const next = layers.map((layer) => {
    let current = layer;
    if (layer.type === 'group') {
      const children = mapLayerTree(layer.layers, fn);
      if (children !== layer.layers) current = { ...layer, layers: children };
    }
    const mapped = fn(current);
    if (mapped !== layer) changed = true;
    return mapped;
  });
  return changed ? next : (layers as Layer[]);
}
