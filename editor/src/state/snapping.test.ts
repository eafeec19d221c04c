import { describe, expect, it } from 'vitest';
import { rotatedBounds, snapBox, snapValue, unionBounds } from './snapping';

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
