// Lines, arrows, polygons, stars and QR codes drawn by the node backend, checked by their
// pixels: colours at the points the geometry puts them, and QR symbols decoded back.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LayerInput, type TemplateDocument, parseTemplate } from '@layercast/shared';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { layoutTemplate } from '../../src/layout/template';
import { lineHitShapes } from '../../src/hit';
import { lineGeometry } from '../../src/layout/vector';
import { nodeLayoutEnv } from '../../src/node/layout-env';
import { renderTemplate } from '../../src/node/render';

const OUT = process.env.VECTOR_KINDS_OUT ?? mkdtempSync(join(tmpdir(), 'layercast-vector-'));

function template(layers: LayerInput[], width = 400, height = 300): TemplateDocument {
  const parsed = parseTemplate({ version: 3, canvas: { width, height, background: '#ffffff' }, layers });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
  at(x: number, y: number): [number, number, number, number];
}

async function render(doc: TemplateDocument, name: string, scale = 1): Promise<Pixels> {
  const result = await renderTemplate(doc, {}, { format: 'png', scale });
  writeFileSync(join(OUT, `${name}.png`), result.data);
  const { data, info } = await sharp(result.data).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const pixels = new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
  return {
    width: info.width,
    height: info.height,
    data: pixels,
    at(x, y) {
      const i = (Math.floor(y) * info.width + Math.floor(x)) * 4;
      return [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, pixels[i + 3]!];
    },
  };
}

const RED: [number, number, number] = [220, 38, 38];
const WHITE: [number, number, number] = [255, 255, 255];

function near(actual: number[], expected: number[], tolerance = 24): boolean {
  return expected.every((v, i) => Math.abs((actual[i] ?? -1000) - v) <= tolerance);
}

describe('line', () => {
  it('draws from (x1, y1) to (x2, y2) in the box, and nothing past either end', async () => {
    const doc = template([
      {
        type: 'line',
        name: 'diag',
        x: 50,
        y: 50,
        width: 300,
        height: 200,
        x1: 0,
        y1: 0,
        x2: 1,
        y2: 1,
        stroke: '#dc2626',
        strokeWidth: 6,
      },
    ]);
    const px = await render(doc, 'line-diagonal');
    // Both ends and the middle: just inside each end (half a stroke in), and the centre.
    expect(near(px.at(53, 52), RED)).toBe(true);
    expect(near(px.at(200, 150), RED)).toBe(true);
    expect(near(px.at(347, 248), RED)).toBe(true);
    // Butt caps: past the ends along the line stays white.
    expect(near(px.at(44, 46), WHITE)).toBe(true);
    expect(near(px.at(356, 254), WHITE)).toBe(true);
    // Off the line.
    expect(near(px.at(200, 100), WHITE)).toBe(true);
  });

  it('puts arrowheads with their tips on the end points, wider than the stroke', async () => {
    const doc = template([
      {
        type: 'line',
        name: 'arrow',
        x: 40,
        y: 130,
        width: 320,
        // The line runs through the middle of row 150, not along a pixel edge.
        height: 41,
        stroke: '#dc2626',
        strokeWidth: 4,
        startArrow: true,
        endArrow: true,
        lineCap: 'round',
      },
    ]);
    const px = await render(doc, 'line-arrows');
    // The line runs at y = 150.5 from x = 40 to 360; heads are 16 px long, 14.4 px wide.
    expect(near(px.at(41.5, 150), RED)).toBe(true); // start tip
    expect(near(px.at(358.5, 150), RED)).toBe(true); // end tip
    expect(near(px.at(37, 150), WHITE)).toBe(true); // nothing past the tips, round cap or not
    expect(near(px.at(363, 150), WHITE)).toBe(true);
    // Near the base of a head (15 px from the tip, 6.75 px either side) the red is far
    // wider than the 4 px stroke.
    expect(near(px.at(345, 145), RED)).toBe(true);
    expect(near(px.at(55, 155), RED)).toBe(true);
    expect(near(px.at(200, 150 - 5), WHITE)).toBe(true); // the shaft is thin
    expect(near(px.at(200, 150), RED)).toBe(true);
  });

  it('dashes: gaps are background', async () => {
    const doc = template([
      {
        type: 'line',
        name: 'dashed',
        x: 0,
        y: 140,
        width: 400,
        height: 20,
        stroke: '#dc2626',
        strokeWidth: 4,
        dash: [20, 20],
      },
    ]);
    const px = await render(doc, 'line-dashed');
    expect(near(px.at(10, 150), RED)).toBe(true);
    expect(near(px.at(30, 150), WHITE)).toBe(true);
    expect(near(px.at(50, 150), RED)).toBe(true);
    expect(near(px.at(70, 150), WHITE)).toBe(true);
  });

  it('keeps two arrowheads from crossing on a short line', () => {
    const doc = template([
      { type: 'line', name: 'short', width: 12, height: 10, strokeWidth: 10, startArrow: true, endArrow: true },
    ]);
    const layer = doc.layers[0];
    if (layer?.type !== 'line') throw new Error('expected a line');
    const g = lineGeometry(layer);
    expect(g.arrowheads).toHaveLength(2);
    expect(g.from.x).toBeLessThanOrEqual(g.to.x);
  });
});

describe('line picking', () => {
  it('is the stroked segment widened to 6 px either side, plus each arrowhead', () => {
    const doc = template([{ type: 'line', name: 'l', width: 100, height: 20, strokeWidth: 2, endArrow: true }]);
    const node = layoutTemplate(doc, {}, nodeLayoutEnv()).nodes[0];
    if (node?.type !== 'line') throw new Error('expected a line');
    const [band, head] = lineHitShapes(node);
    const ys = band!.map((p) => p.y);
    expect([Math.min(...ys), Math.max(...ys)]).toEqual([4, 16]);
    expect(head).toEqual(node.arrowheads[0]);
    // A thick line is picked over its whole width.
    const thick = lineHitShapes({ ...node, stroke: { ...node.stroke, width: 30 } })[0]!;
    expect(Math.max(...thick.map((p) => p.y)) - Math.min(...thick.map((p) => p.y))).toBe(30);
  });
});

describe('polygon and star', () => {
  /**
   * Red where the shape is, sampled on an ellipse about (cx, cy): the unit circle scaled
   * by (sx, sy), as layout stretches the shape to its box, times `r`.
   */
  function redOnRing(px: Pixels, cx: number, cy: number, sx: number, sy: number, r: number, samples = 720) {
    return Array.from({ length: samples }, (_, i) => {
      const a = (2 * Math.PI * i) / samples;
      return near(px.at(cx + sx * r * Math.sin(a), cy - sy * r * Math.cos(a)), RED, 60);
    });
  }
  /**
   * How many separate red arcs a closed ring of samples has. A sample on an anti-aliased
   * edge can flip either way, so arcs closer than a few samples are one arc.
   */
  function arcs(ring: boolean[], minGap = 4): number {
    const n = ring.length;
    // Start inside a long gap, so the arc after it is counted.
    const start = ring.findIndex((_, i) =>
      Array.from({ length: minGap }, (_, k) => ring[(i + n - k) % n]).every((v) => !v),
    );
    if (start < 0) return ring.some(Boolean) ? 1 : 0;
    let count = 0;
    let gap = minGap;
    for (let k = 1; k <= n; k++) {
      const on = ring[(start + k) % n];
      if (on) {
        if (gap >= minGap) count++;
        gap = 0;
      } else gap++;
    }
    return count;
  }
  /** The stretch and centre layout gives a shape whose unit-circle vertices are at `angles` (0 = top). */
  function placement(angles: number[], box: { x: number; y: number; width: number; height: number }) {
    const xs = angles.map(Math.sin);
    const ys = angles.map((a) => -Math.cos(a));
    const sx = box.width / (Math.max(...xs) - Math.min(...xs));
    const sy = box.height / (Math.max(...ys) - Math.min(...ys));
    return { sx, sy, cx: box.x - Math.min(...xs) * sx, cy: box.y - Math.min(...ys) * sy };
  }

  it('has as many corners as sides: a ring between the inscribed circle and the corners meets the shape once per corner', async () => {
    for (const sides of [3, 5, 6, 8, 12]) {
      const box = { x: 60, y: 10, width: 280, height: 280 };
      const doc = template([{ type: 'polygon', name: 'p', ...box, sides, fill: '#dc2626' }]);
      const px = await render(doc, `polygon-${sides}`);
      const scene = layoutTemplate(doc, {}, nodeLayoutEnv());
      const node = scene.nodes[0];
      if (node?.type !== 'polygon') throw new Error('expected a polygon');
      expect(node.vertices).toHaveLength(sides);
      const { sx, sy, cx, cy } = placement(
        Array.from({ length: sides }, (_, i) => (2 * Math.PI * i) / sides),
        box,
      );
      const inner = Math.cos(Math.PI / sides);
      expect(arcs(redOnRing(px, cx, cy, sx, sy, (inner + 1) / 2)), `${sides} sides`).toBe(sides);
      // Inside the inscribed circle it is all shape.
      expect(redOnRing(px, cx, cy, sx, sy, inner * 0.9).every(Boolean)).toBe(true);
      // The first vertex is at the top, on the box's edge; the bounds fill the box.
      expect(node.vertices[0]!.y).toBeCloseTo(0, 6);
      expect(Math.max(...node.vertices.map((p) => p.y))).toBeCloseTo(box.height, 6);
      expect(Math.max(...node.vertices.map((p) => p.x))).toBeCloseTo(box.width, 6);
    }
  });

  it('draws star points red and the notches between them white', async () => {
    const doc = template([
      { type: 'star', name: 's', x: 50, y: 0, width: 300, height: 300, points: 5, innerRatio: 0.4, fill: '#dc2626' },
    ]);
    const px = await render(doc, 'star-5');
    const scene = layoutTemplate(doc, {}, nodeLayoutEnv());
    const node = scene.nodes[0];
    if (node?.type !== 'star') throw new Error('expected a star');
    expect(node.vertices).toHaveLength(10);
    const cx = 50 + node.vertices.reduce((s, p) => s + p.x, 0) / 10;
    const cy = node.vertices.reduce((s, p) => s + p.y, 0) / 10;
    node.vertices.forEach((v, i) => {
      // A point 90 % of the way from the centre to each vertex: inside for points (even),
      // and past an inner vertex (odd), 10 % further out, is outside.
      const t = i % 2 === 0 ? 0.9 : 1.25;
      const x = cx + (50 + v.x - cx) * t;
      const y = cy + (v.y - cy) * t;
      expect(near(px.at(x, y), i % 2 === 0 ? RED : WHITE), `vertex ${i}`).toBe(true);
    });
    // Five arcs on a circle between the inner and outer radius.
    const ring = placement(
      Array.from({ length: 5 }, (_, i) => (2 * Math.PI * i) / 5),
      { x: 50, y: 0, width: 300, height: 300 },
    );
    expect(arcs(redOnRing(px, ring.cx, ring.cy, ring.sx, ring.sy, 0.7))).toBe(5);
  });

  it('takes gradient fills and strokes like rect and ellipse', async () => {
    const doc = template([
      {
        type: 'polygon',
        name: 'hex',
        x: 50,
        y: 50,
        width: 200,
        height: 200,
        fill: 'linear-gradient(90deg, #dc2626, #2563eb)',
        stroke: '#111827',
        strokeWidth: 6,
      },
    ]);
    const px = await render(doc, 'polygon-gradient');
    const left = px.at(70, 150);
    const right = px.at(230, 150);
    expect(left[0]).toBeGreaterThan(left[2]);
    expect(right[2]).toBeGreaterThan(right[0]);
    // The hexagon's top vertex at (150, 50) carries the dark stroke.
    expect(near(px.at(150, 52), [17, 24, 39], 40)).toBe(true);
  });
});

describe('qr', () => {
  function decode(px: Pixels): string | null {
    return jsQR(px.data, px.width, px.height)?.data ?? null;
  }

  const url = 'https://layercast.dev/r/abc123?utm_source=card&utm_medium=qr';

  for (const scale of [1, 2]) {
    for (const errorCorrection of ['L', 'M', 'Q', 'H'] as const) {
      it(`decodes back to its data at scale ${scale}, error correction ${errorCorrection}`, async () => {
        const doc = template([
          { type: 'rect', name: 'bg', width: 400, height: 300, fill: '#f1f5f9' },
          { type: 'qr', name: 'code', x: 120, y: 70, width: 160, height: 160, data: url, errorCorrection },
        ]);
        const px = await render(doc, `qr-${errorCorrection}-x${scale}`, scale);
        expect(decode(px)).toBe(url);
      });
    }
  }

  it('draws whole-pixel modules at a fractional position and module size', async () => {
    const doc = template([
      { type: 'qr', name: 'code', x: 33.3, y: 21.7, width: 121.1, height: 121.1, data: 'crisp', quietZone: 4 },
    ]);
    const px = await render(doc, 'qr-crisp');
    // Every pixel of the symbol is black or white: no grey anti-aliased edges.
    let grey = 0;
    for (let y = 22; y < 142; y++)
      for (let x = 34; x < 154; x++) {
        const [r] = px.at(x, y);
        if (r > 0 && r < 255) grey++;
      }
    expect(grey).toBe(0);
    expect(decode(px)).toBe('crisp');
  });

  it('takes colours, a transparent background and long data', async () => {
    const data = `https://example.com/${'x'.repeat(900)}`;
    const doc = template([
      { type: 'rect', name: 'bg', width: 400, height: 300, fill: '#fef3c7' },
      {
        type: 'qr',
        name: 'code',
        x: 60,
        y: 10,
        width: 280,
        height: 280,
        data,
        color: '#1e3a8a',
        background: 'transparent',
        errorCorrection: 'L',
      },
    ]);
    const px = await render(doc, 'qr-long-transparent', 2);
    expect(decode(px)).toBe(data);
    // The quiet zone shows the card behind it.
    expect(near(px.at(2 * 62, 2 * 12), [254, 243, 199], 2)).toBe(true);
  });

  it('fills variables into its data', async () => {
    const parsed = parseTemplate({
      version: 3,
      canvas: { width: 200, height: 200 },
      layers: [{ type: 'qr', name: 'code', width: 200, height: 200, data: 'https://example.com/{{slug}}' }],
      variables: [{ name: 'slug', default: 'start' }],
    });
    if (!parsed.ok) throw new Error('invalid');
    const result = await renderTemplate(parsed.value, { variables: { slug: 'launch' } }, { format: 'png' });
    const { data, info } = await sharp(result.data).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data).toBe('https://example.com/launch');
  });

  it('reports data too long for its level and draws nothing', async () => {
    const doc = template([
      { type: 'qr', name: 'code', width: 300, height: 300, data: 'x'.repeat(2000), errorCorrection: 'H' },
    ]);
    const result = await renderTemplate(doc, {}, { format: 'png' });
    expect(result.diagnostics.warnings?.[0]).toMatch(
      /^qr code: the data \(2000 characters\) cannot be encoded at error correction H/,
    );
    const scene = layoutTemplate(doc, {}, nodeLayoutEnv());
    expect(scene.nodes[0]).toMatchObject({ type: 'qr', symbol: null });
  });
});
