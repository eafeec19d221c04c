// Image crop (fractions of the source, applied before objectFit), masks (rect with
// per-corner radii, ellipse) and filters on decoded pixels (grayscale, brightness,
// contrast, blur, tint). The pattern shows orientation: red top-left with a black corner
// square, green top-right, blue bottom-left, yellow bottom-right, a white disc in the centre.
import { type GoldenCase, asset } from '../harness';
import { card, frame } from '../suite';

type L = Record<string, unknown>;

const image = (name: string, x: number, y: number, width: number, height: number, src: string, props: L = {}): L => ({
  name,
  type: 'image',
  x,
  y,
  width,
  height,
  src,
  ...props,
});

const FILTERS: [string, L][] = [
  ['none', {}],
  ['grayscale', { grayscale: 1 }],
  ['brightness', { brightness: 0.4 }],
  ['darker', { brightness: -0.5 }],
  ['contrast', { contrast: 0.8 }],
  ['flat', { contrast: -0.6 }],
  ['blur', { blur: 4 }],
  ['tint', { tint: { color: '#c026d3', amount: 0.8 } }],
];

export const imageCropFilterCases: GoldenCase[] = [
  {
    name: 'image-crop',
    description:
      'The 200×100 pattern. Top: whole (fill), its top-left quarter (red with the black square), its right half (green over yellow), a centre crop around the white disc. Bottom: the right half again with cover in a wide box and contain in a tall one (the crop is what is fitted), and with a 40 px radius.',
    doc: card([
      image('whole', 10, 10, 90, 90, asset('pattern-wide'), { objectFit: 'fill' }),
      image('top-left', 107, 10, 90, 90, asset('pattern-wide'), {
        objectFit: 'fill',
        crop: { x: 0, y: 0, width: 0.5, height: 0.5 },
      }),
      image('right', 204, 10, 90, 90, asset('pattern-wide'), {
        objectFit: 'fill',
        crop: { x: 0.5, y: 0, width: 0.5, height: 1 },
      }),
      image('centre', 301, 10, 90, 90, asset('pattern-wide'), {
        objectFit: 'fill',
        crop: { x: 0.35, y: 0.25, width: 0.3, height: 0.5 },
      }),
      frame('cover-box', 10, 120, 180, 110),
      image('cover', 10, 120, 180, 110, asset('pattern-wide'), {
        objectFit: 'cover',
        crop: { x: 0.5, y: 0, width: 0.5, height: 1 },
      }),
      frame('contain-box', 204, 120, 90, 110),
      image('contain', 204, 120, 90, 110, asset('pattern-wide'), {
        objectFit: 'contain',
        crop: { x: 0.5, y: 0, width: 0.5, height: 1 },
      }),
      image('rounded', 301, 120, 90, 110, asset('pattern-wide'), {
        crop: { x: 0.5, y: 0, width: 0.5, height: 1 },
        borderRadius: 40,
      }),
    ]),
  },
  {
    name: 'image-masks',
    description:
      'The avatar photo: a plain rect mask, one radius on every corner, per-corner radii [60, 0, 60, 0] (leaf shape), an ellipse in a square box (a circle) and in a wide box, each with a 3 px dark stroke following the mask; the last ellipse has a shadow that follows the ellipse.',
    doc: card([
      image('rect', 10, 10, 110, 100, asset('avatar-jane'), { stroke: '#0f172a', strokeWidth: 3 }),
      image('rounded', 140, 10, 110, 100, asset('avatar-jane'), {
        borderRadius: 24,
        stroke: '#0f172a',
        strokeWidth: 3,
      }),
      image('leaf', 270, 10, 110, 100, asset('avatar-jane'), {
        borderRadius: [60, 0, 60, 0],
        stroke: '#0f172a',
        strokeWidth: 3,
      }),
      image('circle', 10, 125, 105, 105, asset('avatar-jane'), { mask: 'ellipse', stroke: '#0f172a', strokeWidth: 3 }),
      image('oval', 140, 130, 240, 95, asset('product-shot'), {
        mask: 'ellipse',
        stroke: '#0f172a',
        strokeWidth: 3,
        shadow: { color: 'rgba(0, 0, 0, 0.5)', blur: 10, offsetX: 0, offsetY: 6 },
      }),
    ]),
  },
  {
    name: 'image-filters',
    description:
      'The product shot in eight cells, left to right, top to bottom: no filter, grayscale 1, brightness 0.4 (lighter), brightness -0.5 (darker), contrast 0.8 (punchier), contrast -0.6 (flat grey), blur 4 px (soft edges inside the image, sharp cell edges), tint magenta at 0.8 (shades of magenta).',
    doc: card(
      FILTERS.map(([name, filters], i) =>
        image(name, 8 + (i % 4) * 98, 10 + Math.floor(i / 4) * 115, 90, 105, asset('product-shot'), { filters }),
      ),
    ),
  },
  {
    name: 'image-filters-combined',
    description:
      'A cropped, ellipse-masked, grayscale and slightly blurred avatar next to the same avatar tinted teal with more contrast, at 2× export scale: the blur is in layer pixels, so it looks the same at any scale.',
    options: { scale: 2 },
    doc: card([
      image('grey', 20, 20, 170, 200, asset('avatar-jane'), {
        mask: 'ellipse',
        crop: { x: 0.15, y: 0.05, width: 0.7, height: 0.9 },
        filters: { grayscale: 1, blur: 1.5 },
      }),
      image('teal', 210, 20, 170, 200, asset('avatar-jane'), {
        borderRadius: [0, 40, 0, 40],
        filters: { contrast: 0.3, tint: { color: '#0d9488', amount: 0.9 } },
      }),
    ]),
  },
];
