import { describe, expect, it } from 'vitest';
import { measureGaps, rotatedBounds, snapBox, snapValue, unionBounds } from './snapping';

const canvas = { x: 0, y: 0, width: 1200, height: 630 };

describe('snapping maths', () => {
  it('snaps a box near the canvas centre onto it and draws both centre guides', () => {
    const box = { x: 497, y: 262, width: 200, height: 100 }; // centre (597, 312)
    const r = snapBox(box, [], canvas, 6);
    expect(r.dx).toBe(3);
    expect(r.dy).toBe(3);
    expect(r.guides).toContainEqual({ axis: 'x', pos: 600, start: 0, end: 630 });
    expect(r.guides).toContainEqual({ axis: 'y', pos: 315, start: 0, end: 1200 });
  });

  it('snaps the nearest edge to another layer and spans the guide over both boxes', () => {
    const other = { x: 100, y: 400, width: 300, height: 50 };
    const box = { x: 104, y: 100, width: 80, height: 80 };
    const r = snapBox(box, [other], canvas, 6);
    expect(r.dx).toBe(-4);
    expect(r.dy).toBe(0);
    expect(r.guides).toEqual([{ axis: 'x', pos: 100, start: 100, end: 450 }]);
  });

  it('leaves a box alone when nothing is within the threshold', () => {
    const r = snapBox({ x: 50, y: 50, width: 80, height: 80 }, [{ x: 300, y: 300, width: 10, height: 10 }], canvas, 6);
    expect(r).toEqual({ dx: 0, dy: 0, guides: [] });
  });

  it('picks the closest candidate when several are in range', () => {
    const r = snapBox(
      { x: 203, y: 50, width: 100, height: 50 },
      [
        { x: 200, y: 300, width: 10, height: 10 },
        { x: 205, y: 300, width: 10, height: 10 },
      ],
      canvas,
      6,
    );
    // 203 → 205 is 2 px, 203 → 200 is 3 px.
    expect(r.dx).toBe(2);
  });

  it('uses the rotated bounds of rotated layers', () => {
    const b = rotatedBounds({ x: 0, y: 0, width: 100, height: 100 }, 45);
    expect(b.width).toBeCloseTo(141.42, 1);
    expect(b.x).toBeCloseTo(50 - 70.71, 1);
    expect(rotatedBounds({ x: 1, y: 2, width: 3, height: 4 }, 360)).toEqual({ x: 1, y: 2, width: 3, height: 4 });
  });

  it('snaps a resize handle edge to a line', () => {
    expect(snapValue(596, [canvas], 'x', 6)).toBe(600);
    expect(snapValue(590, [canvas], 'x', 6)).toBe(590);
  });

  it('computes the union of a multi-selection', () => {
    expect(
      unionBounds([
        { x: 0, y: 10, width: 10, height: 10 },
        { x: 20, y: 0, width: 5, height: 5 },
      ]),
    ).toEqual({ x: 0, y: 0, width: 25, height: 20 });
    expect(unionBounds([])).toBeNull();
  });
});

describe('distances while moving', () => {
  const canvas = { x: 0, y: 0, width: 1000, height: 500 };

  it('measures to the nearest layer on each side that overlaps on the other axis', () => {
    const moving = { x: 400, y: 200, width: 100, height: 100 };
    const left = { x: 100, y: 250, width: 200, height: 200 }; // gap 100, overlaps in y from 250 to 300
    const farLeft = { x: 0, y: 200, width: 50, height: 100 }; // behind `left`: not the nearest
    const right = { x: 560, y: 0, width: 100, height: 220 }; // gap 60, overlaps in y from 200 to 220
    const above = { x: 700, y: 0, width: 100, height: 100 }; // no overlap in x: not a neighbour
    const gaps = measureGaps(moving, [left, farLeft, right, above], canvas);
    expect(gaps).toEqual([
      { axis: 'x', from: 300, to: 400, at: 275, length: 100 },
      { axis: 'x', from: 500, to: 560, at: 210, length: 60 },
      // Nothing above or below overlaps in x: the canvas edges.
      { axis: 'y', from: 0, to: 200, at: 450, length: 200 },
      { axis: 'y', from: 300, to: 500, at: 450, length: 200 },
    ]);
  });

  it('skips layers the box overlaps and sides where it touches or leaves the canvas', () => {
    const moving = { x: -20, y: 0, width: 100, height: 50 };
    const under = { x: 0, y: 0, width: 1000, height: 500 }; // a background it sits on
    const gaps = measureGaps(moving, [under], canvas);
    // Off the left edge and touching the top: only right and bottom, to the canvas.
    expect(gaps).toEqual([
      { axis: 'x', from: 80, to: 1000, at: 25, length: 920 },
      { axis: 'y', from: 50, to: 500, at: 30, length: 450 },
    ]);
  });
});
