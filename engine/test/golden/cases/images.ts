// Images: object-fit × object-position with a pattern whose orientation shows at a glance
// (red top-left with a black corner square, green top-right, blue bottom-left, yellow
// bottom-right, a white disc in the centre), clipping, opacity, and a broken source.
import { expect } from 'vitest';
import { type GoldenCase, asset } from '../harness';
import { card, frame } from '../suite';

type L = Record<string, unknown>;
const FITS = ['cover', 'contain', 'fill', 'none'] as const;

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

/** Each fit in a framed 90×100 box; the frame shows where contain and none leave space. */
const fitRow = (y: number, src: string, height: number): L[] =>
  FITS.flatMap((fit, i) => {
    const x = 10 + i * 97;
    return [
      frame(`${fit}-${y}-box`, x, y, 90, height),
      image(`${fit}-${y}`, x, y, 90, height, src, { objectFit: fit }),
    ];
  });

export const imageCases: GoldenCase[] = [
  {
    name: 'image-object-fit',
    description:
      'Columns cover, contain, fill, none. Top row: the 200×100 wide pattern in 90×100 boxes (cover crops the sides, contain letterboxes, fill squashes, none shows the centre at natural size). Bottom row: the 80×160 tall pattern.',
    doc: card([...fitRow(10, asset('pattern-wide'), 100), ...fitRow(125, asset('pattern-tall'), 105)]),
  },
  {
    name: 'image-object-position',
    description:
      'Top: cover of the wide pattern in 90×110 boxes at objectPosition x 0, 0.5, 1 (left shows red/blue with the black square, right shows green/yellow). Bottom: contain of the wide pattern in 120×100 boxes at y 0, 0.5, 1 (image at top, middle, bottom of its frame); the last column is none at x 1, y 1.',
    doc: card([
      ...[0, 0.5, 1].flatMap((x, i) => [
        frame(`cover-${i}-box`, 10 + i * 97, 10, 90, 110),
        image(`cover-${i}`, 10 + i * 97, 10, 90, 110, asset('pattern-wide'), {
          objectFit: 'cover',
          objectPosition: { x, y: 0.5 },
        }),
      ]),
      ...[0, 0.5, 1].flatMap((y, i) => [
        frame(`contain-${i}-box`, 10 + i * 97, 130, 90, 100),
        image(`contain-${i}`, 10 + i * 97, 130, 90, 100, asset('pattern-wide'), {
          objectFit: 'contain',
          objectPosition: { x: 0.5, y },
        }),
      ]),
      frame('none-box', 301, 10, 90, 220),
      image('none', 301, 10, 90, 220, asset('pattern-wide'), { objectFit: 'none', objectPosition: { x: 1, y: 1 } }),
    ]),
  },
  {
    name: 'image-radius-opacity-stroke',
    description:
      'Over a striped band: square corners, 20-px rounded corners, a full circle (radius 50) with a white 4-px ring and a drop shadow, and the same image at opacity 0.4 with the stripes showing through.',
    doc: card([
      ...[0, 1, 2, 3, 4, 5].map((i) => ({
        name: `stripe-${i}`,
        type: 'rect',
        x: 0,
        y: 60 + i * 24,
        width: 400,
        height: 12,
        fill: '#cbd5e1',
      })),
      image('square', 10, 70, 90, 100, asset('pattern-wide')),
      image('rounded', 108, 70, 90, 100, asset('pattern-wide'), { borderRadius: 20 }),
      image('circle', 206, 70, 100, 100, asset('avatar-sam'), {
        borderRadius: 50,
        stroke: '#ffffff',
        strokeWidth: 4,
        shadow: { color: 'rgba(0, 0, 0, 0.45)', blur: 10, offsetX: 0, offsetY: 6 },
      }),
      image('faded', 314, 70, 80, 100, asset('pattern-wide'), { opacity: 0.4 }),
    ]),
  },
  {
    name: 'image-broken',
    description:
      'Three framed slots: a source that is not an image, a remote URL the default loader refuses, and an empty src; each slot stays empty (only its grey frame), and the caption and the good image at the right still draw.',
    doc: card([
      frame('bad-bytes-box', 10, 10, 90, 90),
      image('bad-bytes', 10, 10, 90, 90, 'data:image/png;base64,bm90IGFuIGltYWdl'),
      frame('remote-box', 108, 10, 90, 90),
      image('remote', 108, 10, 90, 90, 'https://example.com/logo.png'),
      frame('empty-box', 206, 10, 90, 90),
      image('empty', 206, 10, 90, 90, ''),
      image('good', 304, 10, 90, 90, asset('logo-mark'), { borderRadius: 18 }),
      {
        name: 'caption',
        type: 'text',
        x: 10,
        y: 120,
        width: 380,
        height: 100,
        text: 'Broken images leave their layer empty; the rest of the card renders.',
        fontSize: 20,
        color: '#334155',
      },
    ]),
    check: ({ diagnostics }) => {
      const loaded = Object.fromEntries(
        Object.entries(diagnostics.layers).flatMap(([name, d]) => (d.type === 'image' ? [[name, d.loaded]] : [])),
      );
      expect(loaded).toEqual({ 'bad-bytes': false, remote: false, empty: false, good: true });
      for (const name of ['bad-bytes', 'remote', 'empty'])
        expect(diagnostics.layers[name]).toMatchObject({ error: expect.any(String) });
    },
  },
];
