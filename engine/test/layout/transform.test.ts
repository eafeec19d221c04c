// The frame and bounds layout gives every node: the one source for paint, the editor's
// Konva shapes, selection and snapping.
import { createCanvas } from '@napi-rs/canvas';
import { parseTemplate } from '@layercast/shared';
import { describe, expect, it } from 'vitest';
import { type SceneNode, frameOf, layoutTemplate, transformedBounds } from '../../src/index';
import { nodeLayoutEnv } from '../../src/node/index';

function scene(layers: unknown[]) {
  const doc = parseTemplate({ version: 2, canvas: { width: 800, height: 600 }, layers });
  if (!doc.ok) throw new Error(JSON.stringify(doc.errors));
  return layoutTemplate(doc.value, {}, nodeLayoutEnv());
}

/** Where translating to the centre, rotating and translating back puts a local point (the Canvas 2D way). */
function viaCanvasOps(node: SceneNode, x: number, y: number) {
  const ctx = createCanvas(1, 1).getContext('2d');
  ctx.translate(node.x + node.width / 2, node.y + node.height / 2);
  ctx.rotate((node.rotation * Math.PI) / 180);
  ctx.translate(-node.width / 2, -node.height / 2);
  const m = ctx.getTransform();
  return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
}

describe('node frames', () => {
  it('map the local box where rotating about the centre puts it', () => {
    for (const rotation of [0, 30, 90, -45, 180, 359]) {
      const [node] = scene([{ type: 'rect', name: 'r', x: 40, y: 70, width: 300, height: 120, rotation }]).nodes;
      if (!node) throw new Error('no node');
      const [a, b, c, d, e, f] = node.frame.matrix;
      for (const [x, y] of [
        [0, 0],
        [300, 0],
        [0, 120],
        [300, 120],
        [150, 60],
      ] as const) {
        const expected = viaCanvasOps(node, x, y);
        expect(a * x + c * y + e).toBeCloseTo(expected.x, 4);
        expect(b * x + d * y + f).toBeCloseTo(expected.y, 4);
      }
      expect(node.frame).toMatchObject({ centerX: 190, centerY: 130, pivotX: 150, pivotY: 60, rotation });
    }
  });

  it('give bounds that hold the rotated corners exactly', () => {
    const [node] = scene([{ type: 'ellipse', name: 'e', x: 0, y: 0, width: 200, height: 100, rotation: 90 }]).nodes;
    if (!node) throw new Error('no node');
    expect(node.bounds.x).toBeCloseTo(50, 6);
    expect(node.bounds.y).toBeCloseTo(-50, 6);
    expect(node.bounds.width).toBeCloseTo(100, 6);
    expect(node.bounds.height).toBeCloseTo(200, 6);
    const m = node.frame.matrix;
    const corners = transformedBounds(
      { a: m[0], b: m[1], c: m[2], d: m[3], e: m[4], f: m[5] },
      { x0: 0, y0: 0, x1: 200, y1: 100 },
    );
    expect(corners.x0).toBeCloseTo(node.bounds.x, 6);
    expect(corners.y1).toBeCloseTo(node.bounds.y + node.bounds.height, 6);
  });

  it('leave an unrotated box exactly where it is', () => {
    expect(frameOf({ x: 10.1, y: 20.3, width: 33.3, height: 7, rotation: 0 }).matrix).toEqual([1, 0, 0, 1, 10.1, 20.3]);
    const [node] = scene([{ type: 'rect', name: 'r', x: 10.1, y: 20.3, width: 33.3, height: 7 }]).nodes;
    expect(node?.bounds).toEqual({ x: 10.1, y: 20.3, width: 33.3, height: 7 });
  });
});

describe('ink bounds', () => {
  it('reach past the box for text that overflows it, strokes and shadows', () => {
    const nodes = scene([
      { type: 'rect', name: 'plain', x: 0, y: 0, width: 100, height: 50 },
      {
        type: 'rect',
        name: 'shadowed',
        x: 0,
        y: 0,
        width: 100,
        height: 50,
        stroke: '#000',
        strokeWidth: 4,
        shadow: { blur: 10, offsetX: 0, offsetY: 20 },
      },
      { type: 'text', name: 't', x: 0, y: 0, width: 100, height: 20, text: 'Supercalifragilistic', fontSize: 40 },
    ]).nodes;
    const [plain, shadowed, text] = nodes;
    expect(plain?.ink).toEqual({ x0: -2, y0: -2, x1: 102, y1: 52 });
    // 2 × stroke + 3 × blur + the offset + 2.
    expect(shadowed?.ink).toEqual({ x0: -60, y0: -60, x1: 160, y1: 110 });
    if (text?.type !== 'text') throw new Error('no text');
    const line = text.lines[0]!;
    expect(text.ink.x1).toBeGreaterThanOrEqual(line.x + line.width);
    expect(text.ink.y1).toBeGreaterThan(20);
  });
});
