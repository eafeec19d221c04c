import {
  CURRENT_VERSION,
  type GroupLayer,
  type Layer,
  LayerSchema,
  type TemplateDocument,
  parseTemplate,
} from '@layercast/shared';
import { describe, expect, it } from 'vitest';
import { alignLayers } from './align';
import { canGroup, groupLayers, resizeGroup, ungroupLayers } from './groups';
import { duplicateLayers, removeLayers, reorderLayers, updateLayers } from './layer-ops';

const rect = (name: string, x: number, y: number, width = 100, height = 80, extra: Partial<Layer> = {}) =>
  ({ ...LayerSchema.parse({ type: 'rect', name, x, y, width, height }), id: name, ...extra }) as Layer;

const doc = (layers: Layer[]): TemplateDocument => ({
  version: CURRENT_VERSION,
  canvas: { width: 1200, height: 630, background: '#ffffff' },
  layers,
  variables: [],
});

/** The document must still be one the server accepts. */
function valid(d: TemplateDocument): TemplateDocument {
  const parsed = parseTemplate(d);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return d;
}

const three = () => doc([rect('a', 100, 100), rect('b', 300, 250, 200, 60), rect('c', 800, 400, 50, 120)]);

describe('group and ungroup', () => {
  it('groups siblings into the union of their boxes, at the topmost one’s place, children relative to it', () => {
    const { doc: d, id } = groupLayers(three(), ['b', 'a']);
    valid(d);
    expect(d.layers.map((l) => l.type)).toEqual(['group', 'rect']);
    const g = d.layers[0] as GroupLayer;
    expect(g.id).toBe(id);
    expect([g.x, g.y, g.width, g.height, g.name]).toEqual([100, 100, 400, 210, 'group']);
    expect(g.layers.map((l) => [l.id, l.x, l.y])).toEqual([
      ['a', 0, 0],
      ['b', 200, 150],
    ]);
  });

  it('uses the box a rotated layer covers', () => {
    const d = doc([rect('a', 0, 0, 100, 100, { rotation: 45 }), rect('b', 200, 200, 10, 10)]);
    const g = groupLayers(d, ['a', 'b']).doc.layers[0] as GroupLayer;
    expect(g.x).toBeCloseTo(-20.71, 1);
    expect(g.width).toBeCloseTo(230.71, 1);
  });

  it('refuses one layer, layers of different groups, and too deep a nesting', () => {
    expect(canGroup(three(), ['a'])).toBe(false);
    const grouped = groupLayers(three(), ['a', 'b']).doc;
    const gid = grouped.layers[0]!.id;
    expect(canGroup(grouped, ['a', 'c'])).toBe(false);
    expect(canGroup(grouped, [gid, 'c'])).toBe(true);
    let nested = grouped;
    let top = gid;
    for (let i = 0; i < 3; i++) {
      const r = groupLayers(nested, [top, 'c']);
      expect(r.id).not.toBeNull();
      nested = valid(r.doc);
      // Peel c back out to the top so the next round can group it again.
      top = r.id as string;
      const inner = (nested.layers[0] as GroupLayer).layers;
      const c = inner.find((l) => l.id === 'c')!;
      nested = {
        ...nested,
        layers: [{ ...(nested.layers[0] as GroupLayer), layers: inner.filter((l) => l !== c) }, c],
      };
    }
    // Four groups deep already: a fifth would pass the limit.
    expect(canGroup(nested, [top, 'c'])).toBe(false);
  });

  it('ungroups in place with the group’s rotation, opacity and visibility baked in', () => {
    const { doc: d, id } = groupLayers(three(), ['a', 'b']);
    expect(ungroupLayers(d, [id as string]).doc.layers.map((l) => [l.id, l.x, l.y])).toEqual([
      ['a', 100, 100],
      ['b', 300, 250],
      ['c', 800, 400],
    ]);
    // Turned 90° about its centre (300, 205): a's centre (150, 140) goes to (365, 55).
    const turned = updateLayers(d, [id as string], { rotation: 90, opacity: 0.5, visible: false });
    const { doc: out, ids } = ungroupLayers(turned, [id as string]);
    valid(out);
    expect(ids).toEqual(['a', 'b']);
    const a = out.layers[0]!;
    expect([a.x + a.width / 2, a.y + a.height / 2, a.rotation, a.opacity, a.visible]).toEqual([
      365,
      55,
      90,
      0.5,
      false,
    ]);
  });

  it('resizes a group by scaling its children’s boxes', () => {
    const g = groupLayers(three(), ['a', 'b']).doc.layers[0] as GroupLayer;
    const big = resizeGroup(g, 800, 420);
    expect(big.layers.map((l) => [l.x, l.y, l.width, l.height])).toEqual([
      [0, 0, 200, 160],
      [400, 300, 400, 120],
    ]);
  });
});

describe('layer edits inside groups', () => {
  const grouped = () => groupLayers(three(), ['a', 'b']).doc;

  it('updates, reorders and removes children; an emptied group goes too', () => {
    const d = grouped();
    const moved = updateLayers(d, ['b'], { x: 5 });
    expect((moved.layers[0] as GroupLayer).layers[1]).toMatchObject({ id: 'b', x: 5 });
    const front = reorderLayers(d, ['a'], 'front');
    expect((front.layers[0] as GroupLayer).layers.map((l) => l.id)).toEqual(['b', 'a']);
    expect(removeLayers(d, ['a', 'b']).layers.map((l) => l.id)).toEqual(['c']);
  });

  it('duplicates a group with new names for its children', () => {
    const d = grouped();
    const { doc: out } = duplicateLayers(d, [d.layers[0]!.id]);
    valid(out);
    const copy = out.layers[2] as GroupLayer;
    expect(copy.layers.map((l) => l.name)).toEqual(['a_2', 'b_2']);
  });

  it('duplicates a child into its own group, above its siblings', () => {
    const d = grouped();
    const { doc: out, ids } = duplicateLayers(d, ['b']);
    valid(out);
    const g = out.layers[0] as GroupLayer;
    expect(g.layers.map((l) => [l.name, l.x, l.y])).toEqual([
      ['a', 0, 0],
      ['b', 200, 150],
      ['b_2', 220, 170],
    ]);
    expect(ids).toEqual([g.layers[2]!.id]);
    expect(out.layers).toHaveLength(2);
  });

  it('aligns a group as one box', () => {
    const d = grouped();
    const gid = d.layers[0]!.id;
    const out = alignLayers(d, [gid, 'c'], 'right');
    // The union is 100..850; the group (400 wide) moves to 450, c stays.
    expect([out.layers[0]!.x, out.layers[1]!.x]).toEqual([450, 800]);
    expect((out.layers[0] as GroupLayer).layers).toBe((d.layers[0] as GroupLayer).layers);
  });
});
