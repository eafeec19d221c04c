// placeFill: CSS gradient geometry on a box, and stops a canvas interpolates as CSS does.
// The pixels were checked against Chromium drawing the same CSS (mean difference < 1/255).
import type { Fill } from '@layercast/shared';
import { describe, expect, it } from 'vitest';
import { placeFill } from '../../src/index';
import type { PaintFill } from '../../src/types';

function linear(fill: Fill, width: number, height: number) {
  const f = placeFill(fill, width, height);
  if (f.type !== 'linear') throw new Error(`expected linear, got ${f.type}`);
  return f;
}

function radial(fill: Fill, width: number, height: number) {
  const f = placeFill(fill, width, height);
  if (f.type !== 'radial') throw new Error(`expected radial, got ${f.type}`);
  return f;
}

/** Where a point falls on the gradient line, 0 at its start and 1 at its end. */
function offsetAt(f: Extract<PaintFill, { type: 'linear' }>, x: number, y: number): number {
  const dx = f.x1 - f.x0;
  const dy = f.y1 - f.y0;
  return ((x - f.x0) * dx + (y - f.y0) * dy) / (dx * dx + dy * dy);
}

describe('linear corners', () => {
  // [keyword, the corner the end colour reaches, the one the start colour leaves]
  const corners: [string, [number, number], [number, number]][] = [
    ['to top right', [300, 0], [0, 100]],
    ['to bottom right', [300, 100], [0, 0]],
    ['to bottom left', [0, 100], [300, 0]],
    ['to top left', [0, 0], [300, 100]],
  ];

  it.each(corners)('%s on 300×100 ends exactly at its corner, the other diagonal midway', (dir, end, start) => {
    const f = linear(`linear-gradient(${dir}, red, blue)`, 300, 100);
    expect(offsetAt(f, ...end)).toBeCloseTo(1, 9);
    expect(offsetAt(f, ...start)).toBeCloseTo(0, 9);
    // The two other corners lie on the line where the gradient is half way.
    const others = [
      [0, 0],
      [300, 0],
      [300, 100],
      [0, 100],
    ].filter(([x, y]) => !(x === end[0] && y === end[1]) && !(x === start[0] && y === start[1]));
    for (const [x = 0, y = 0] of others) expect(offsetAt(f, x, y)).toBeCloseTo(0.5, 9);
  });

  it('points to top right at atan2(H, W), not 45deg', () => {
    const f = linear('linear-gradient(to top right, red, blue)', 300, 100);
    const angle = (Math.atan2(f.x1 - f.x0, f.y0 - f.y1) * 180) / Math.PI;
    expect(angle).toBeCloseTo((Math.atan2(100, 300) * 180) / Math.PI, 9);
  });

  it('is 45deg on a square', () => {
    const f = linear('linear-gradient(to top right, red, blue)', 100, 100);
    expect([f.x0, f.y0, f.x1, f.y1].map((v) => Math.round(v * 1e6) / 1e6 + 0)).toEqual([0, 100, 100, 0]);
  });

  it('keeps sides at fixed angles', () => {
    const f = linear('linear-gradient(to right, red, blue)', 300, 100);
    expect([f.x0, f.y0, f.x1, f.y1].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0, 50, 300, 50]);
  });
});

describe('radial ending shapes on 300×100', () => {
  const ry = (f: ReturnType<typeof radial>) => f.r * f.scaleY;

  it('defaults to an ellipse through the corners, with the box aspect', () => {
    const f = radial('radial-gradient(red, blue)', 300, 100);
    expect(f).toMatchObject({ cx: 150, cy: 50 });
    expect(f.r).toBeCloseTo(150 * Math.SQRT2, 9);
    expect(f.scaleY).toBeCloseTo(1 / 3, 9);
  });

  it.each([
    // [css, rx, ry] with the centre at (60, 30): sides 60/240 across, 30/70 down
    ['radial-gradient(closest-side at 20% 30%, red, blue)', 60, 30],
    ['radial-gradient(farthest-side at 20% 30%, red, blue)', 240, 70],
    ['radial-gradient(closest-corner at 20% 30%, red, blue)', 60 * Math.SQRT2, 30 * Math.SQRT2],
    ['radial-gradient(farthest-corner at 20% 30%, red, blue)', 240 * Math.SQRT2, 70 * Math.SQRT2],
    ['radial-gradient(circle closest-side at 20% 30%, red, blue)', 30, 30],
    ['radial-gradient(circle farthest-side at 20% 30%, red, blue)', 240, 240],
    ['radial-gradient(circle closest-corner at 20% 30%, red, blue)', Math.hypot(60, 30), Math.hypot(60, 30)],
    ['radial-gradient(circle at 20% 30%, red, blue)', Math.hypot(240, 70), Math.hypot(240, 70)],
  ])('%s has radii %d × %d', (css, rx, expectedRy) => {
    const f = radial(css, 300, 100);
    expect(f).toMatchObject({ cx: 60, cy: 30 });
    expect(f.r).toBeCloseTo(rx, 9);
    expect(ry(f)).toBeCloseTo(expectedRy, 9);
  });

  it('passes a farthest-corner ellipse through that corner', () => {
    const f = radial('radial-gradient(at 20% 30%, red, blue)', 300, 100);
    expect(((300 - 60) / f.r) ** 2 + ((100 - 30) / ry(f)) ** 2).toBeCloseTo(1, 9);
  });

  it('measures from a centre outside the box', () => {
    const f = radial('radial-gradient(closest-side at 150% -20%, red, blue)', 300, 100);
    expect(f.r).toBeCloseTo(150, 9);
    expect(ry(f)).toBeCloseTo(20, 9);
  });

  it('keeps the structured form a circle: radius × the distance to the farthest corner', () => {
    const f = radial(
      {
        type: 'radial',
        cx: 0.2,
        cy: 0.3,
        radius: 0.5,
        stops: [
          { offset: 0, color: 'red' },
          { offset: 1, color: 'blue' },
        ],
      },
      300,
      100,
    );
    expect(f.r).toBeCloseTo(0.5 * Math.hypot(240, 70), 9);
    expect(f.scaleY).toBe(1);
  });

  it('paints the last colour when the ending shape collapses, as CSS does', () => {
    expect(placeFill('radial-gradient(closest-side at 0% 50%, red, blue)', 300, 100)).toEqual({
      type: 'color',
      color: 'rgb(0, 0, 255)',
    });
    expect(placeFill('radial-gradient(circle closest-corner at right bottom, red, #0f08)', 300, 100)).toEqual({
      type: 'color',
      color: 'rgba(0, 255, 0, 0.533)',
    });
  });
});

describe('stops as CSS interpolates them (premultiplied)', () => {
  const stops = (css: string) => {
    const f = placeFill(css, 100, 100);
    if (f.type === 'color') throw new Error('expected a gradient');
    return f.stops;
  };

  it('fades a colour to transparent without passing through black', () => {
    expect(stops('linear-gradient(red, transparent)')).toEqual([
      { offset: 0, color: 'rgb(255, 0, 0)' },
      { offset: 1, color: 'rgba(255, 0, 0, 0)' },
    ]);
  });

  it('splits a transparent stop between two different colours', () => {
    expect(stops('linear-gradient(90deg, blue, transparent 50%, lime)')).toEqual([
      { offset: 0, color: 'rgb(0, 0, 255)' },
      { offset: 0.5, color: 'rgba(0, 0, 255, 0)' },
      { offset: 0.5, color: 'rgba(0, 255, 0, 0)' },
      { offset: 1, color: 'rgb(0, 255, 0)' },
    ]);
  });

  it('takes the colour of the one coloured neighbour next to another transparent stop', () => {
    expect(stops('radial-gradient(transparent, transparent 40%, #f00)')).toEqual([
      { offset: 0, color: 'rgba(0, 0, 0, 0)' },
      { offset: 0.4, color: 'rgba(255, 0, 0, 0)' },
      { offset: 1, color: 'rgb(255, 0, 0)' },
    ]);
  });

  it('follows the premultiplied curve between partly transparent colours', () => {
    const s = stops('linear-gradient(90deg, rgba(255, 0, 0, 0.8), rgba(0, 0, 255, 0.2))');
    expect(s.find((x) => x.offset === 0.5)?.color).toBe('rgba(204, 0, 51, 0.5)');
    expect(s.map((x) => x.offset)).toEqual([...s.map((x) => x.offset)].sort((a, b) => a - b));
  });

  it('adds nothing between opaque colours or a hard edge', () => {
    expect(stops('linear-gradient(red, blue 50%, rgba(255, 0, 0, 0.5) 50%, rgba(255, 0, 0, 0.5))')).toHaveLength(4);
  });
});

describe('finite coordinates', () => {
  it.each([
    `linear-gradient(${'9'.repeat(20)}deg, red, blue)`,
    `linear-gradient(${'9'.repeat(300)}grad, red, blue)`,
    'radial-gradient(farthest-corner at 1000% -1000%, red, blue)',
    'radial-gradient(closest-side at 0.001% 50%, red, blue)',
  ])('%s places within bounds', (css) => {
    const f = placeFill(css, 10_000, 1);
    const numbers =
      f.type === 'linear' ? [f.x0, f.y0, f.x1, f.y1] : f.type === 'radial' ? [f.cx, f.cy, f.r, f.scaleY] : [];
    for (const v of numbers) {
      expect(Number.isFinite(v)).toBe(true);
      expect(Math.abs(v)).toBeLessThan(1e6);
    }
  });

  it('paints nothing for a stored gradient that bypassed the schema with non-finite numbers', () => {
    const stops = [
      { offset: 0, color: 'red' },
      { offset: 1, color: 'blue' },
    ];
    expect(placeFill({ type: 'linear', angle: Number.POSITIVE_INFINITY, stops }, 100, 100)).toEqual({
      type: 'color',
      color: 'rgba(0, 0, 0, 0)',
    });
    expect(placeFill({ type: 'radial', cx: Number.NaN, cy: 0.5, radius: 1, stops }, 100, 100)).toEqual({
      type: 'color',
      color: 'rgba(0, 0, 0, 0)',
    });
  });
});
