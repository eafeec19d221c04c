// Groups are flattened by layout: each child becomes an ordinary node whose frame is the
// groups' frames composed with its own, checked against nesting canvas transforms.
import { createCanvas } from '@napi-rs/canvas';
import { parseTemplate } from '@layercast/shared';
import { describe, expect, it } from 'vitest';
import { layoutTemplate } from '../../src/index';
import { nodeLayoutEnv } from '../../src/node/index';

function scene(layers: unknown[], overrides = {}) {
  const doc = parseTemplate({ version: 4, canvas: { width: 800, height: 600 }, layers });
  if (!doc.ok) throw new Error(JSON.stringify(doc.errors));
  return layoutTemplate(doc.value, { layers: overrides }, nodeLayoutEnv());
}

type Box = { x: number; y: number; width: number; height: number; rotation: number };

/** Enters each box the Canvas 2D way (translate to the centre, rotate, translate back), outer first. */
function nested(boxes: Box[]) {
  const ctx = createCanvas(1, 1).getContext('2d');
  for (const b of boxes) {
    ctx.translate(b.x + b.width / 2, b.y + b.height / 2);
    ctx.rotate((b.rotation * Math.PI) / 180);
    ctx.translate(-b.width / 2, -b.height / 2);
  }
  return ctx.getTransform();
}

const outer = { x: 100, y: 80, width: 400, height: 300, rotation: 30 };
const inner = { x: 50, y: 40, width: 200, height: 100, rotation: -75 };
const leaf = { x: 20, y: 10, width: 60, height: 30, rotation: 10 };

describe('group layout', () => {
  it('composes the frames of nested groups into each child’s frame, and multiplies opacity', () => {
    const s = scene([
      {
        type: 'group',
        name: 'outer',
        ...outer,
        opacity: 0.5,
        layers: [
          {
            type: 'group',
            name: 'inner',
            ...inner,
            opacity: 0.8,
            layers: [{ type: 'rect', name: 'leaf', ...leaf, opacity: 0.5 }],
          },
        ],
      },
    ]);
    expect(s.nodes.map((n) => n.name)).toEqual(['leaf']);
    const node = s.nodes[0]!;
    const m = nested([outer, inner, leaf]);
    const [a, b, c, d, e, f] = node.frame.matrix;
    for (const [x, y] of [
      [0, 0],
      [60, 0],
      [0, 30],
      [60, 30],
    ] as const) {
      expect(a * x + c * y + e).toBeCloseTo(m.a * x + m.c * y + m.e, 6);
      expect(b * x + d * y + f).toBeCloseTo(m.b * x + m.d * y + m.f, 6);
    }
    expect(node.rotation).toBeCloseTo(30 - 75 + 10, 9);
    expect(node.opacity).toBeCloseTo(0.5 * 0.8 * 0.5, 9);
    // The groups' own boxes, for the editor's selection.
    expect(s.groups.map((g) => g.name)).toEqual(['outer', 'inner']);
    const innerM = nested([outer, inner]);
    expect(s.groups[1]!.frame.matrix[4]).toBeCloseTo(innerM.e, 6);
    expect(s.groups[1]!.frame.matrix[5]).toBeCloseTo(innerM.f, 6);
  });

  it('adds an unrotated group’s offset exactly, and leaves out hidden groups and children', () => {
    const s = scene([
      {
        type: 'group',
        name: 'g',
        x: 10.1,
        y: 20.2,
        width: 100,
        height: 100,
        layers: [
          { type: 'rect', name: 'shown', x: 0.2, y: 0.1, width: 10, height: 10 },
          { type: 'rect', name: 'hidden', width: 10, height: 10, visible: false },
        ],
      },
      {
        type: 'group',
        name: 'off',
        width: 10,
        height: 10,
        visible: false,
        layers: [{ type: 'rect', name: 'r', width: 5, height: 5 }],
      },
    ]);
    expect(s.nodes.map((n) => [n.name, n.x, n.y])).toEqual([['shown', 10.1 + 0.2, 20.2 + 0.1]]);
    expect(s.nodes[0]!.frame.matrix).toEqual([1, 0, 0, 1, 10.1 + 0.2, 20.2 + 0.1]);
    expect(s.groups.map((g) => g.name)).toEqual(['g']);
  });

  it('applies group and child overrides by name', () => {
    const layers = [
      {
        type: 'group',
        name: 'g',
        x: 100,
        y: 100,
        width: 50,
        height: 50,
        layers: [{ type: 'rect', name: 'r', x: 5, y: 5, width: 10, height: 10 }],
      },
    ];
    expect(scene(layers, { g: { x: 0, y: 0 }, r: { width: 20 } }).nodes.map((n) => [n.x, n.y, n.width])).toEqual([
      [5, 5, 20],
    ]);
    expect(scene(layers, { g: { visible: false } }).nodes).toEqual([]);
  });
});
