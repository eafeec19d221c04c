import { describe, expect, it } from 'vitest';
import { clickSelect, marqueeBox, marqueeSelect, pruneSelection } from './selection';

describe('selection', () => {
  it('selects one layer on click and toggles with shift', () => {
    expect(clickSelect(['a', 'b'], 'c', false)).toEqual(['c']);
    expect(clickSelect(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(clickSelect(['a', 'b'], 'a', true)).toEqual(['b']);
  });

  it('selects by marquee in any drag direction, leaving out locked layers', () => {
    const items = [
      { id: 'bg', bounds: { x: 0, y: 0, width: 1200, height: 630 }, locked: true },
      { id: 'a', bounds: { x: 10, y: 10, width: 50, height: 50 }, locked: false },
      { id: 'b', bounds: { x: 300, y: 300, width: 50, height: 50 }, locked: false },
    ];
    expect(marqueeSelect(items, marqueeBox(100, 100, 0, 0), [], false)).toEqual(['a']);
    expect(marqueeSelect(items, marqueeBox(0, 0, 400, 400), [], false)).toEqual(['a', 'b']);
    expect(marqueeSelect(items, marqueeBox(290, 290, 310, 310), ['a'], true)).toEqual(['a', 'b']);
  });

  it('forgets layers that no longer exist', () => {
    const sel = ['a', 'b'];
    expect(pruneSelection(sel, [{ id: 'a' }])).toEqual(['a']);
    expect(pruneSelection(sel, [{ id: 'a' }, { id: 'b' }])).toBe(sel);
  });
});
