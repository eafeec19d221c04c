// Groups: children placed relative to the group's box, the group's rotation and opacity
// applied to all of them, hidden children and hidden groups left out.
import { expect } from 'vitest';
import { type GoldenCase, rgbAt } from '../harness';
import { card } from '../suite';

const BLUE = '#1d4ed8';

/** Where a point of a 200×120 group at (100, 60) turned 30° lands on the canvas. */
function inGroup(x: number, y: number): [number, number] {
  const r = (30 * Math.PI) / 180;
  const dx = x - 100;
  const dy = y - 60;
  return [Math.round(200 + dx * Math.cos(r) - dy * Math.sin(r)), Math.round(120 + dx * Math.sin(r) + dy * Math.cos(r))];
}

export const groupCases: GoldenCase[] = [
  {
    name: 'group-rotated-opacity',
    description:
      'Left: a small blue square at 60% opacity (the reference). Centre: a blue card turned 30° clockwise at 60% opacity, a brownish-amber dot (amber at 60% over the card) in its top right corner and "Grouped" in white across it, all turned with it; nothing red (the hidden child and the hidden group).',
    doc: card([
      { type: 'rect', name: 'ref', x: 10, y: 10, width: 60, height: 60, fill: BLUE, opacity: 0.6 },
      {
        type: 'group',
        name: 'badge',
        x: 100,
        y: 60,
        width: 200,
        height: 120,
        rotation: 30,
        opacity: 0.6,
        layers: [
          { type: 'rect', name: 'plate', x: 0, y: 0, width: 200, height: 120, fill: BLUE, cornerRadius: 12 },
          { type: 'ellipse', name: 'dot', x: 150, y: 10, width: 40, height: 40, fill: '#f59e0b' },
          {
            type: 'text',
            name: 'label',
            x: 16,
            y: 40,
            width: 170,
            height: 44,
            text: 'Grouped',
            fontSize: 32,
            fontWeight: 700,
            color: '#ffffff',
          },
          { type: 'rect', name: 'secret', x: 0, y: 0, width: 200, height: 120, fill: '#ff0000', visible: false },
        ],
      },
      {
        type: 'group',
        name: 'hidden',
        x: 320,
        y: 160,
        width: 60,
        height: 60,
        visible: false,
        layers: [{ type: 'rect', name: 'hidden-plate', x: 0, y: 0, width: 60, height: 60, fill: '#ff0000' }],
      },
    ]),
    check: (result) => {
      const ref = rgbAt(result.data, 40, 40);
      // The plate, away from the text: the group's opacity, as the lone rect's.
      const plate = rgbAt(result.data, ...inGroup(20, 100));
      for (let i = 0; i < 3; i++) expect(Math.abs((plate[i] ?? 0) - (ref[i] ?? 0))).toBeLessThanOrEqual(2);
      // The dot turned with the group (its centre in the group is (170, 30)). Each child
      // takes the group's opacity, so the plate shows through it a little.
      const [r, , b] = rgbAt(result.data, ...inGroup(170, 30));
      expect(r).toBeGreaterThan(170);
      expect(b).toBeLessThan(130);
      // The unrotated box's corner is outside the turned card.
      expect(rgbAt(result.data, 105, 65)).toEqual([248, 250, 252]);
      // The hidden group's place is background.
      expect(rgbAt(result.data, 350, 190)).toEqual([248, 250, 252]);
    },
  },
];
