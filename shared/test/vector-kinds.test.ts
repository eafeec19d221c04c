// Line, polygon, star and QR layers: defaults, limits with the JSON path in each message,
// and what a render may override.
import { describe, expect, it } from 'vitest';
import {
  CURRENT_VERSION,
  type LineLayer,
  type QrLayer,
  applyOverrides,
  loadTemplate,
  migrateDocument,
  overridableProperties,
  parseOverrides,
  parseTemplate,
} from '../src/index';
import { type Json, lines, rejectionOf } from './helpers';

function documentWith(layer: Json): Json & { layers: Json[] } {
  return { version: CURRENT_VERSION, canvas: { width: 800, height: 600 }, layers: [layer] };
}

const rejectLayer = (layer: Json) => lines(rejectionOf(documentWith(layer)));

describe('defaults', () => {
  it('fills in every new kind from its type, name and box alone', () => {
    const result = parseTemplate({
      version: 3,
      canvas: { width: 800, height: 600 },
      layers: [
        { type: 'line', name: 'rule', width: 300, height: 20 },
        { type: 'polygon', name: 'hex', width: 100, height: 100 },
        { type: 'star', name: 'badge', width: 100, height: 100 },
        { type: 'qr', name: 'code', width: 160, height: 160 },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.layers[0]).toMatchObject({
      x1: 0,
      y1: 0.5,
      x2: 1,
      y2: 0.5,
      stroke: '#111827',
      strokeWidth: 4,
      dash: [],
      lineCap: 'butt',
      startArrow: false,
      endArrow: false,
    });
    expect(result.value.layers[1]).toMatchObject({ sides: 6, fill: '#e5e7eb', strokeWidth: 0 });
    expect(result.value.layers[2]).toMatchObject({ points: 5, innerRatio: 0.5 });
    expect(result.value.layers[3]).toMatchObject({
      data: 'https://example.com',
      color: '#000000',
      background: '#ffffff',
      errorCorrection: 'M',
      quietZone: 2,
    });
  });

  it('keeps the document version: older documents never had these kinds, so nothing migrates', () => {
    const doc = documentWith({ type: 'qr', name: 'code', width: 100, height: 100, data: 'hi' });
    expect(migrateDocument(doc)).toEqual({ ok: true, value: { ...doc, version: CURRENT_VERSION } });
  });
});

describe('limits name the path', () => {
  it('polygon sides: a whole number from 3 to 12', () => {
    const base = { type: 'polygon', name: 'p', width: 100, height: 100 };
    for (const sides of [2, 13, 4.5, '6']) {
      expect(rejectLayer({ ...base, sides })).toEqual(['layers[0].sides: expected a whole number from 3 to 12']);
    }
  });

  it('star points from 3 to 24 and an inner ratio from 0.1 to 1', () => {
    const base = { type: 'star', name: 's', width: 100, height: 100 };
    expect(rejectLayer({ ...base, points: 25 })).toEqual(['layers[0].points: expected a whole number from 3 to 24']);
    expect(rejectLayer({ ...base, innerRatio: 0 })).toEqual(['layers[0].innerRatio: expected a number from 0.1 to 1']);
    expect(rejectLayer({ ...base, fill: 'nope' })[0]).toMatch(
      /^layers\[0\]\.fill: expected a CSS colour, or a gradient/,
    );
  });

  it('line ends inside the box, stroke, dash and cap', () => {
    const base = { type: 'line', name: 'l', width: 100, height: 10 };
    expect(rejectLayer({ ...base, x2: 1.5 })).toEqual(['layers[0].x2: expected a number from 0 to 1']);
    expect(rejectLayer({ ...base, strokeWidth: 0 })).toEqual([
      'layers[0].strokeWidth: expected a number from 0.5 to 500',
    ]);
    expect(rejectLayer({ ...base, dash: [4, -1] })).toEqual(['layers[0].dash[1]: expected a number from 0 to 1000']);
    expect(rejectLayer({ ...base, dash: [0, 0] })).toEqual(['layers[0].dash: expected at least one length above 0']);
    expect(rejectLayer({ ...base, dash: Array(9).fill(2) })).toEqual(['layers[0].dash: expected at most 8 lengths']);
    expect(rejectLayer({ ...base, lineCap: 'pointy' })).toEqual([
      'layers[0].lineCap: expected one of butt, round, square',
    ]);
    expect(rejectLayer({ ...base, endArrow: 'yes' })).toEqual(['layers[0].endArrow: expected true or false']);
    expect(rejectLayer({ ...base, fill: '#000' })[0]).toMatch(/^layers\[0\]/);
  });

  it('qr data up to 2,000 characters, a level of L, M, Q or H, a quiet zone up to 16 modules', () => {
    const base = { type: 'qr', name: 'q', width: 100, height: 100 };
    expect(rejectLayer({ ...base, data: 'x'.repeat(2001) })).toEqual([
      'layers[0].data: expected at most 2000 characters',
    ]);
    expect(rejectLayer({ ...base, errorCorrection: 'X' })).toEqual([
      'layers[0].errorCorrection: expected one of L, M, Q, H',
    ]);
    expect(rejectLayer({ ...base, quietZone: 17 })).toEqual([
      'layers[0].quietZone: expected a whole number from 0 to 16',
    ]);
    expect(rejectLayer({ ...base, color: '#12' })[0]).toMatch(/^layers\[0\]\.color: expected a CSS colour/);
    expect(rejectLayerOrNone({ ...base, data: 'x'.repeat(2000), background: 'transparent' })).toEqual([]);
  });

  it('names the new kinds when the type is unknown', () => {
    expect(rejectLayer({ type: 'arrow', name: 'a', width: 10, height: 10 })).toEqual([
      'layers[0].type: expected type to be one of text, image, rect, ellipse, line, polygon, star, qr, group',
    ]);
  });
});

// rejectionOf throws for a valid layer; this says [] instead.
function rejectLayerOrNone(layer: Json): string[] {
  return parseTemplate(documentWith(layer)).ok ? [] : rejectLayer(layer);
}

describe('overrides', () => {
  const doc = loadTemplate({
    version: 3,
    canvas: { width: 800, height: 600 },
    layers: [
      { type: 'line', name: 'rule', width: 300, height: 20 },
      { type: 'polygon', name: 'hex', width: 100, height: 100 },
      { type: 'star', name: 'badge', width: 100, height: 100 },
      { type: 'qr', name: 'code', width: 160, height: 160, data: 'https://example.com/a' },
    ],
  });

  it('lists what each kind lets a render change', () => {
    const common = ['visible', 'x', 'y', 'width', 'height', 'opacity'];
    expect(overridableProperties('line')).toEqual([...common, 'stroke', 'strokeWidth']);
    expect(overridableProperties('polygon')).toEqual([...common, 'fill', 'stroke']);
    expect(overridableProperties('star')).toEqual([...common, 'fill', 'stroke']);
    expect(overridableProperties('qr')).toEqual([...common, 'data', 'color', 'background']);
  });

  it('applies qr data and colours, a line stroke and a polygon fill', () => {
    const result = parseOverrides(doc, {
      code: { data: 'https://example.com/b', color: '#1e3a8a', background: 'transparent' },
      rule: { stroke: '#dc2626', strokeWidth: 2 },
      hex: { fill: 'linear-gradient(90deg, red, blue)' },
      badge: { fill: '#f59e0b', stroke: '#000' },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const applied = applyOverrides(doc, result.value);
    expect(applied.layers[3] as QrLayer).toMatchObject({ data: 'https://example.com/b', color: '#1e3a8a' });
    expect(applied.layers[0] as LineLayer).toMatchObject({ stroke: '#dc2626', strokeWidth: 2, x1: 0 });
    expect(applied.layers[1]).toMatchObject({ fill: 'linear-gradient(90deg, red, blue)', sides: 6 });
    expect(applied.layers[2]).toMatchObject({ fill: '#f59e0b', stroke: '#000', points: 5 });
  });

  it('rejects properties a kind does not override, and bad values, by path', () => {
    const errors = (input: unknown) => {
      const result = parseOverrides(doc, input);
      return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
    };
    expect(errors({ code: { errorCorrection: 'H' } })).toEqual([
      `layers.code.errorCorrection: qr layers have no overridable property "errorCorrection"; expected one of ${overridableProperties('qr').join(', ')}`,
    ]);
    expect(errors({ rule: { fill: '#000' } })[0]).toMatch(
      /^layers\.rule\.fill: line layers have no overridable property "fill"/,
    );
    expect(errors({ hex: { sides: 5 } })[0]).toMatch(
      /^layers\.hex\.sides: polygon layers have no overridable property/,
    );
    expect(errors({ code: { data: 'x'.repeat(2001) } })).toEqual([
      'layers.code.data: expected at most 2000 characters',
    ]);
    expect(errors({ rule: { strokeWidth: 0 } })).toEqual([
      'layers.rule.strokeWidth: expected a number from 0.5 to 500',
    ]);
  });

  it('accepts a valid layer of each kind unchanged', () => {
    expect(rejectLayerOrNone({ type: 'star', name: 's', width: 10, height: 10, points: 24, innerRatio: 1 })).toEqual(
      [],
    );
  });
});
