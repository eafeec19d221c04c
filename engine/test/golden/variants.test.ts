// Golden images: one design in two sizes. The square variant is drawn at its own size with
// its own title geometry and type size; the rest comes from the base design.
import { expect } from 'vitest';
import { type GoldenCase, rgbAt } from './harness';
import { goldenSuite } from './suite';

const design = {
  version: 4,
  canvas: { width: 1200, height: 630, background: '#0f172a' },
  layers: [
    { name: 'band', type: 'rect', x: 0, y: 0, width: 24, height: 630, fill: '#f59e0b' },
    {
      name: 'title',
      type: 'text',
      x: 96,
      y: 200,
      width: 1000,
      height: 230,
      text: 'One design, every platform size',
      fontSize: 80,
      fontWeight: 700,
      color: '#ffffff',
    },
    { name: 'dot', type: 'ellipse', x: 1040, y: 470, width: 100, height: 100, fill: '#22c55e' },
  ],
  variants: [
    {
      name: 'square',
      width: 1080,
      height: 1080,
      layers: {
        band: { height: 1080 },
        title: { x: 96, y: 560, width: 888, height: 400, fontSize: 104, textAlign: 'right' },
        dot: { x: 96, y: 96, width: 160, height: 160 },
      },
    },
  ],
};

const cases: GoldenCase[] = [
  {
    name: 'variant-base',
    description:
      'The base 1200×630: amber band on the left, white bold title in two lines left-aligned, green dot bottom right.',
    doc: design,
    check: ({ width, height }) => expect([width, height]).toEqual([1200, 630]),
  },
  {
    name: 'variant-square',
    description:
      'The square variant at 1080×1080: the band runs the full height, a larger dot at the top left, the title larger, right-aligned in the lower half.',
    doc: design,
    variant: 'square',
    check: ({ width, height, data }) => {
      expect([width, height]).toEqual([1080, 1080]);
      expect(rgbAt(Buffer.from(data), 176, 176)).toEqual([0x22, 0xc5, 0x5e]); // the dot moved to the top left
      expect(rgbAt(Buffer.from(data), 10, 1000)).toEqual([0xf5, 0x9e, 0x0b]); // the band covers the height
    },
  },
];

goldenSuite('golden: size variants', cases);
