import { CURRENT_VERSION, LayerSchema, type Layer, type TemplateDocument } from '@layercast/shared';
import { describe, expect, it } from 'vitest';
import { alignLayers, distributeLayers } from './align';

const rect = (name: string, x: number, y: number, width = 100, height = 80, extra: Partial<Layer> = {}) =>
  ({ ...LayerSchema.parse({ type: 'rect', name, x, y, width, height }), id: name, ...extra }) as Layer;

const doc = (layers: Layer[]): TemplateDocument => ({
  version: CURRENT_VERSION,
  canvas: { width: 1200, height: 630, background: '#ffffff' },
  layers,
  variables: [],
});

const at = (d: TemplateDocument) => Object.fromEntries(d.layers.map((l) => [l.id, [l.x, l.y]]));

describe('align and distribute', () => {
  const three = doc([rect('a', 100, 50), rect('b', 300, 200, 200, 40), rect('c', 800, 400, 50, 120)]);
  const all = ['a', 'b', 'c'];

  it('aligns several layers to the edges and centres of their common bounds', () => {
    expect(at(alignLayers(three, all, 'left'))).toEqual({ a: [100, 50], b: [100, 200], c: [100, 400] });
    expect(at(alignLayers(three, all, 'right'))).toEqual({ a: [750, 50], b: [650, 200], c: [800, 400] });
    // Bounds 100..850: centre 475.
    expect(at(alignLayers(three, all, 'center'))).toEqual({ a: [425, 50], b: [375, 200], c: [450, 400] });
    expect(at(alignLayers(three, all, 'top'))).toEqual({ a: [100, 50], b: [300, 50], c: [800, 50] });
    expect(at(alignLayers(three, all, 'bottom'))).toEqual({ a: [100, 440], b: [300, 480], c: [800, 400] });
    // Bounds 50..520: middle 285.
    expect(at(alignLayers(three, all, 'middle'))).toEqual({ a: [100, 245], b: [300, 265], c: [800, 225] });
  });

  it('aligns one layer to the canvas', () => {
    expect(at(alignLayers(three, ['b'], 'center')).b).toEqual([500, 200]);
    expect(at(alignLayers(three, ['b'], 'bottom')).b).toEqual([300, 590]);
    expect(at(alignLayers(three, ['c'], 'right')).c).toEqual([1150, 400]);
  });

  it('aligns rotated layers by the box they cover on the canvas', () => {
    const d = doc([rect('r', 300, 300, 200, 100, { rotation: 90 }), rect('s', 100, 0)]);
    // Rotated 90°, the 200×100 box covers x 350..450; its left edge moves to s's, 100.
    expect(at(alignLayers(d, ['r', 's'], 'left')).r).toEqual([50, 300]);
  });

  it('leaves locked layers in place while they still count for the bounds', () => {
    const d = doc([rect('a', 100, 50, 100, 80, { locked: true }), rect('b', 300, 200)]);
    expect(at(alignLayers(d, ['a', 'b'], 'left'))).toEqual({ a: [100, 50], b: [100, 200] });
  });

  it('distributes the layers between the first and the last with equal gaps', () => {
    // Span 100..850 holds 350 px of boxes: two gaps of 200.
    expect(at(distributeLayers(three, all, 'horizontal'))).toEqual({ a: [100, 50], b: [400, 200], c: [800, 400] });
    // Span 50..520 holds 240 px: two gaps of 115; by y the order is a, b, c.
    expect(at(distributeLayers(three, all, 'vertical'))).toEqual({ a: [100, 50], b: [300, 245], c: [800, 400] });
    // Fewer than three layers: nothing to distribute.
    expect(distributeLayers(three, ['a', 'b'], 'horizontal')).toBe(three);
  });
});
