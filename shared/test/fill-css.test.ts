// CSS gradient strings: what CSS means by them (kept by resolveFill for placement) and the
// document form parseGradientString gives the editor, which must pass the schema.
import { describe, expect, it } from 'vitest';
import {
  LinearGradientSchema,
  RadialGradientSchema,
  isFillString,
  parseGradientString,
  resolveFill,
} from '../src/index';

const resolved = (s: string) => resolveFill(s);

describe('linear directions', () => {
  it.each([
    ['to top right', 'top right', 45],
    ['to right top', 'top right', 45],
    ['to bottom right', 'bottom right', 135],
    ['to left bottom', 'bottom left', 225],
    ['to  top   left', 'top left', 315],
  ])('%s keeps the corner %s for placement (%d deg on a square)', (dir, corner, angle) => {
    expect(resolved(`linear-gradient(${dir}, red, blue)`)).toMatchObject({ type: 'linear', corner, angle });
    // The document form has no corner: the editor saves the square-box angle.
    expect(parseGradientString(`linear-gradient(${dir}, red, blue)`)).not.toHaveProperty('corner');
  });

  it('gives sides a fixed angle and no corner', () => {
    expect(resolved('linear-gradient(to right, red, blue)')).toEqual(
      expect.not.objectContaining({ corner: expect.anything() }),
    );
    expect(resolved('linear-gradient(to left, red, blue)')).toMatchObject({ angle: 270 });
  });

  it.each([
    ['720deg', 0],
    ['-90deg', 270],
    ['-0deg', 0],
    ['1.25turn', 90],
    ['400grad', 0],
    ['-3.14159265358979rad', 180],
  ])('normalizes %s to %d', (angle, expected) => {
    const g = parseGradientString(`linear-gradient(${angle}, red, blue)`);
    expect(g?.type === 'linear' && g.angle).toBeCloseTo(expected, 6);
  });

  it('keeps a huge but finite angle in [0, 360)', () => {
    const g = parseGradientString(`linear-gradient(${'9'.repeat(20)}deg, red, blue)`);
    if (g?.type !== 'linear') throw new Error('expected linear');
    expect(g.angle).toBeGreaterThanOrEqual(0);
    expect(g.angle).toBeLessThan(360);
  });

  it.each([`${'9'.repeat(400)}deg`, `${'9'.repeat(308)}turn`, '1e400deg', 'to top top', 'to middle'])(
    'rejects %s',
    (angle) => expect(isFillString(`linear-gradient(${angle}, red, blue)`)).toBe(false),
  );
});

describe('stops', () => {
  const offsets = (s: string) => parseGradientString(s)?.stops.map((x) => [x.color, x.offset]);

  it('reads the two-position form as two stops of one colour', () => {
    expect(offsets('linear-gradient(red 10% 20%, blue 60% 80%)')).toEqual([
      ['red', 0.1],
      ['red', 0.2],
      ['blue', 0.6],
      ['blue', 0.8],
    ]);
  });

  it('fixes positions that go backwards before spreading the missing ones', () => {
    expect(offsets('linear-gradient(red 50%, green, blue 20%)')).toEqual([
      ['red', 0.5],
      ['green', 0.5],
      ['blue', 0.5],
    ]);
  });

  it('counts the stops after expanding two positions', () => {
    const many = Array.from({ length: 9 }, (_, i) => `red ${i}% ${i}%`).join(', ');
    expect(parseGradientString(`linear-gradient(${many})`)).toBeNull();
  });

  it.each([
    'linear-gradient(rgb(0 0 0) 1, red)',
    'linear-gradient(red 10% 20% 30%, blue)',
    'linear-gradient(red 10, blue)',
    `linear-gradient(red ${'9'.repeat(400)}%, blue)`,
  ])('rejects %s', (s) => expect(parseGradientString(s)).toBeNull());
});

describe('radial shapes and extents', () => {
  it.each([
    ['radial-gradient(red, blue)', 'ellipse', 'farthest-corner', 0.5, 0.5],
    ['radial-gradient(circle, red, blue)', 'circle', 'farthest-corner', 0.5, 0.5],
    ['radial-gradient(closest-side, red, blue)', 'ellipse', 'closest-side', 0.5, 0.5],
    ['radial-gradient(farthest-side circle at left, red, blue)', 'circle', 'farthest-side', 0, 0.5],
    ['radial-gradient(ellipse closest-corner at 20% 30%, red, blue)', 'ellipse', 'closest-corner', 0.2, 0.3],
    ['radial-gradient(at top right, red, blue)', 'ellipse', 'farthest-corner', 1, 0],
  ])('%s: %s, %s, centre (%d, %d)', (s, shape, extent, cx, cy) =>
    expect(resolved(s)).toMatchObject({ type: 'radial', shape, extent, cx, cy, radius: 1 }),
  );

  it.each([
    'radial-gradient(circle circle, red, blue)',
    'radial-gradient(closest-side farthest-side, red, blue)',
    'radial-gradient(circle 20px, red, blue)',
    'radial-gradient(circle at, red, blue)',
    'radial-gradient(at top at left, red, blue)',
    'radial-gradient(at left top center, red, blue)',
    'radial-gradient(at top top, red, blue)',
    'radial-gradient(at 1001% 50%, red, blue)',
    `radial-gradient(at ${'9'.repeat(400)}% 50%, red, blue)`,
  ])('rejects %s', (s) => expect(isFillString(s)).toBe(false));

  it('keeps a centre outside the box for placement, inside it in the document form', () => {
    expect(resolved('radial-gradient(at 150% -20%, red, blue)')).toMatchObject({ cx: 1.5, cy: -0.2 });
    expect(parseGradientString('radial-gradient(at 150% -20%, red, blue)')).toMatchObject({ cx: 1, cy: 0 });
  });

  it('gives the document form without shape or extent', () => {
    expect(parseGradientString('radial-gradient(closest-side at 25% 75%, red, blue)')).toEqual({
      type: 'radial',
      cx: 0.25,
      cy: 0.75,
      radius: 1,
      stops: [
        { offset: 0, color: 'red' },
        { offset: 1, color: 'blue' },
      ],
    });
  });

  it('leaves a structured gradient as the document means it: a circle to the farthest corner', () => {
    const doc = {
      type: 'radial' as const,
      cx: 0.2,
      cy: 0.3,
      radius: 0.5,
      stops: [
        { offset: 0, color: 'red' },
        { offset: 1, color: 'blue' },
      ],
    };
    expect(resolveFill(doc)).not.toHaveProperty('shape');
    expect(resolveFill(doc)).not.toHaveProperty('extent');
  });
});

describe('document form', () => {
  it.each([
    'linear-gradient(720deg, red, blue)',
    'linear-gradient(-45deg, red, blue)',
    'linear-gradient(to top right, red 10% 20%, blue)',
    'radial-gradient(at 150% -20%, red, blue)',
    'radial-gradient(ellipse closest-side at 10% 90%, red, transparent)',
  ])('of %s passes the schema, so the editor can save it', (s) => {
    const g = parseGradientString(s);
    const schema = g?.type === 'linear' ? LinearGradientSchema : RadialGradientSchema;
    expect(schema.safeParse(g).success).toBe(true);
  });
});
