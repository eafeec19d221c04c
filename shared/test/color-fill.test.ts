// CSS colour and gradient-string parsing: the engine paints from these results on both
// platforms, so they must agree with what a browser understands.
import { describe, expect, it } from 'vitest';
import { normalizeColor, parseColor, parseGradientString, resolveFill } from '../src/index';

describe('parseColor', () => {
  it.each([
    ['#abc', { r: 170, g: 187, b: 204, a: 1 }],
    ['#AABBCC', { r: 170, g: 187, b: 204, a: 1 }],
    ['#00000080', { r: 0, g: 0, b: 0, a: 0.502 }],
    ['#f008', { r: 255, g: 0, b: 0, a: 0.533 }],
    ['rgb(10, 20, 30)', { r: 10, g: 20, b: 30, a: 1 }],
    ['rgba(10, 20, 30, 0.5)', { r: 10, g: 20, b: 30, a: 0.5 }],
    ['rgb(10 20 30 / 25%)', { r: 10, g: 20, b: 30, a: 0.25 }],
    ['rgb(100%, 50%, 0%)', { r: 255, g: 128, b: 0, a: 1 }],
    ['hsl(120, 100%, 50%)', { r: 0, g: 255, b: 0, a: 1 }],
    ['hsla(240deg, 100%, 50%, 0.4)', { r: 0, g: 0, b: 255, a: 0.4 }],
    ['rebeccapurple', { r: 102, g: 51, b: 153, a: 1 }],
    ['  White ', { r: 255, g: 255, b: 255, a: 1 }],
    ['transparent', { r: 0, g: 0, b: 0, a: 0 }],
  ])('%s', (input, expected) => expect(parseColor(input)).toEqual(expected));

  it.each([
    '',
    '#12345',
    '#ggg',
    'rgb(1, 2)',
    'rgb(1, 2, 3, 4, 5)',
    'hsl(10, 20, 30)',
    'blurple',
    'url(x.png)',
    `#${'a'.repeat(70)}`,
  ])('rejects %j', (input) => expect(parseColor(input)).toBeNull());

  it('normalizes to the canonical string both backends read the same way', () => {
    expect(normalizeColor('#F00')).toBe('rgb(255, 0, 0)');
    expect(normalizeColor('rgba(0,0,0,.5)')).toBe('rgba(0, 0, 0, 0.5)');
    expect(normalizeColor('nope')).toBe('rgba(0, 0, 0, 0)');
  });
});

describe('parseGradientString', () => {
  it('reads the seed example linear-gradient(135deg,#667eea,#764ba2)', () => {
    expect(parseGradientString('linear-gradient(135deg,#667eea,#764ba2)')).toEqual({
      type: 'linear',
      angle: 135,
      stops: [
        { offset: 0, color: '#667eea' },
        { offset: 1, color: '#764ba2' },
      ],
    });
  });

  it.each([
    ['linear-gradient(red, blue)', 180],
    ['linear-gradient(to right, red, blue)', 90],
    ['linear-gradient(to top left, red, blue)', 315],
    ['linear-gradient(to left bottom, red, blue)', 225],
    ['linear-gradient(0.25turn, red, blue)', 90],
    ['linear-gradient(-45deg, red, blue)', 315],
  ])('%s has angle %d', (input, angle) => expect(parseGradientString(input)).toMatchObject({ type: 'linear', angle }));

  it('places stops like CSS: given positions, then missing ones spread evenly', () => {
    const offsets = (s: string) => parseGradientString(s)?.stops.map((x) => x.offset);
    expect(offsets('linear-gradient(red, green, blue)')).toEqual([0, 0.5, 1]);
    expect(offsets('linear-gradient(90deg, red 10%, green, blue 90%)')).toEqual([0.1, 0.5, 0.9]);
    expect(offsets('linear-gradient(red 50%, blue 20%)')).toEqual([0.5, 0.5]);
  });

  it('keeps colour functions with commas inside a stop', () => {
    expect(
      parseGradientString('linear-gradient(rgba(0, 0, 0, 0.5) 0%, hsl(0, 100%, 50%) 100%)')?.stops.map((s) => s.color),
    ).toEqual(['rgba(0, 0, 0, 0.5)', 'hsl(0, 100%, 50%)']);
  });

  it.each([
    ['radial-gradient(red, blue)', 0.5, 0.5],
    ['radial-gradient(circle at 100% 0%, #e0e7ff, #fff)', 1, 0],
    ['radial-gradient(circle at top, red, blue)', 0.5, 0],
    ['radial-gradient(ellipse at left bottom, red, blue)', 0, 1],
    ['radial-gradient(at 25% 75%, red, blue)', 0.25, 0.75],
  ])('%s is centred at (%d, %d)', (input, cx, cy) =>
    expect(parseGradientString(input)).toMatchObject({ type: 'radial', cx, cy, radius: 1 }),
  );

  it.each([
    'linear-gradient(red)',
    'linear-gradient(45deg)',
    'linear-gradient(sideways, red, blue)',
    'linear-gradient(90deg, red, nocolor)',
    'repeating-linear-gradient(red, blue)',
    'conic-gradient(red, blue)',
    'radial-gradient(circle at nowhere, red, blue)',
    'red',
  ])('rejects %s', (input) => expect(parseGradientString(input)).toBeNull());
});

describe('resolveFill', () => {
  it('turns each form into the one structured shape the engine paints', () => {
    expect(resolveFill('#fff')).toEqual({ type: 'color', color: 'rgb(255, 255, 255)' });
    expect(resolveFill('linear-gradient(90deg, #000, #fff)')).toEqual({
      type: 'linear',
      angle: 90,
      stops: [
        { offset: 0, color: 'rgb(0, 0, 0)' },
        { offset: 1, color: 'rgb(255, 255, 255)' },
      ],
    });
    expect(
      resolveFill({
        type: 'radial',
        cx: 0.2,
        cy: 0.3,
        radius: 0.5,
        stops: [
          { offset: 0, color: 'red' },
          { offset: 1, color: 'transparent' },
        ],
      }),
    ).toEqual({
      type: 'radial',
      cx: 0.2,
      cy: 0.3,
      radius: 0.5,
      stops: [
        { offset: 0, color: 'rgb(255, 0, 0)' },
        { offset: 1, color: 'rgba(0, 0, 0, 0)' },
      ],
    });
  });
});
