import { describe, expect, it } from 'vitest';
import { scrollThumb } from './viewport';

describe('scrollbar thumbs', () => {
  it('hides the bar while the whole canvas is on screen', () => {
    expect(scrollThumb(100, 0.5, 1200, 800)).toBeNull();
  });

  it('sizes the thumb by the share of the extent on screen and places it where the view is', () => {
    // Canvas 1200 wide at 200 %: 2400 px, starting 100 px left of the view (pan -100).
    // Extent: from -100 - 400 = -500 to -100 + 2400 + 400 = 2700 → 3200 px; the view is 800.
    const t = scrollThumb(-100, 2, 1200, 800)!;
    expect(t.size).toBeCloseTo((800 / 3200) * 800); // 200
    // The view starts 500 px into the extent, of 2400 it can travel: the thumb 500/2400 of 600.
    expect(t.start).toBeCloseTo(600 * (500 / 2400));
    // Dragging the thumb to the end of the track pans the view to the end of the extent:
    // the canvas's right edge plus the room (400) then meets the view's right edge.
    const end = -100 + (600 - t.start) * t.panPerPixel;
    expect(end + 2400 + 400).toBeCloseTo(800);
  });

  it('keeps a usable thumb size on a huge extent', () => {
    expect(scrollThumb(-40_000, 8, 8000, 600)!.size).toBe(24);
  });
});
