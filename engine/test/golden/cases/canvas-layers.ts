// The canvas (background colour, gradient, image) and what every layer has: rotation,
// opacity, visibility; plus export scale.
import { expect } from 'vitest';
import { type GoldenCase, asset, rgbAt } from '../harness';
import { card } from '../suite';

type L = Record<string, unknown>;

/** Each channel within 3 units of the expected value (8-bit rounding in compositing). */
function expectRgb(actual: number[], expected: number[], what: string): void {
  for (let i = 0; i < 3; i++)
    expect(Math.abs((actual[i] ?? 0) - (expected[i] ?? 0)), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(3);
}

const label = (name: string, x: number, y: number, t: string, props: L = {}): L => ({
  name,
  type: 'text',
  x,
  y,
  width: 380,
  height: 40,
  text: t,
  fontSize: 24,
  fontWeight: 700,
  color: '#ffffff',
  ...props,
});

export const canvasLayerCases: GoldenCase[] = [
  {
    name: 'canvas-color',
    description: 'A slate (#1e293b) canvas with a white label "Solid background" and a small amber square.',
    doc: card(
      [
        label('label', 20, 20, 'Solid background'),
        { name: 'dot', type: 'rect', x: 20, y: 180, width: 40, height: 40, fill: '#f59e0b' },
      ],
      {
        background: '#1e293b',
      },
    ),
  },
  {
    name: 'canvas-gradient',
    description:
      'The seed gradient linear-gradient(135deg,#667eea,#764ba2): periwinkle top-left to purple bottom-right, with a label.',
    doc: card([label('label', 20, 20, 'Gradient background')], {
      background: 'linear-gradient(135deg,#667eea,#764ba2)',
    }),
  },
  {
    name: 'canvas-radial',
    description:
      'A structured radial background: warm white at (0.8, 0.2) fading to deep red at the far corners; dark label bottom-left.',
    doc: card([label('label', 20, 180, 'Radial background', { color: '#450a0a' })], {
      background: {
        type: 'radial',
        cx: 0.8,
        cy: 0.2,
        radius: 1,
        stops: [
          { offset: 0, color: '#fff7ed' },
          { offset: 0.5, color: '#fb923c' },
          { offset: 1, color: '#7f1d1d' },
        ],
      },
    }),
  },
  {
    name: 'canvas-image',
    description:
      'The wide pattern covering the 400×240 canvas (cropped left and right, centred; red/green top, blue/yellow bottom, white disc in the middle) with a dark label on top.',
    doc: card([label('label', 20, 20, 'Image background', { color: '#0f172a' })], {
      background: '#000000',
      backgroundImage: asset('pattern-wide'),
    }),
  },
  {
    name: 'canvas-image-broken',
    description: 'A background image that fails to load: the teal background colour shows, and the label still draws.',
    doc: card([label('label', 20, 20, 'Broken background image')], {
      background: '#0f766e',
      backgroundImage: 'data:image/png;base64,AAAA',
    }),
    check: ({ diagnostics }) =>
      expect(diagnostics.background).toMatchObject({ loaded: false, error: expect.any(String) }),
  },
  {
    name: 'layer-rotation',
    description:
      'Outlined frames show the unrotated boxes; indigo rects turned 15°, 45°, 90° and -30° about their centres; a text box rotated 10° clockwise (sloping down to the right); an image rotated -15°.',
    doc: card([
      ...[15, 45, 90, -30].flatMap((deg, i): L[] => [
        {
          name: `frame-${i}`,
          type: 'rect',
          x: 20 + i * 95,
          y: 20,
          width: 70,
          height: 40,
          fill: 'transparent',
          stroke: '#94a3b8',
          strokeWidth: 1,
        },
        {
          name: `rot-${i}`,
          type: 'rect',
          x: 20 + i * 95,
          y: 20,
          width: 70,
          height: 40,
          fill: '#6366f1',
          opacity: 0.85,
          rotation: deg,
        },
      ]),
      {
        name: 'text-frame',
        type: 'rect',
        x: 20,
        y: 120,
        width: 200,
        height: 60,
        fill: 'transparent',
        stroke: '#94a3b8',
        strokeWidth: 1,
      },
      {
        name: 'tilted',
        type: 'text',
        x: 20,
        y: 120,
        width: 200,
        height: 60,
        text: 'Tilted 10°',
        fontSize: 30,
        fontWeight: 800,
        color: '#be185d',
        textAlign: 'center',
        verticalAlign: 'middle',
        rotation: 10,
      },
      {
        name: 'photo',
        type: 'image',
        x: 270,
        y: 110,
        width: 100,
        height: 100,
        src: asset('avatar-jane'),
        borderRadius: 12,
        rotation: -15,
      },
    ]),
  },
  {
    name: 'layer-opacity',
    description:
      'Three overlapping circles (red, green, blue) at opacity 1, 0.6 and 0.3 over a dark bar, each later one drawn on top; text at opacity 1 and 0.4 below.',
    doc: card([
      { name: 'bar', type: 'rect', x: 0, y: 60, width: 400, height: 30, fill: '#0f172a' },
      { name: 'c1', type: 'ellipse', x: 60, y: 20, width: 110, height: 110, fill: '#ef4444', opacity: 1 },
      { name: 'c2', type: 'ellipse', x: 140, y: 20, width: 110, height: 110, fill: '#22c55e', opacity: 0.6 },
      { name: 'c3', type: 'ellipse', x: 220, y: 20, width: 110, height: 110, fill: '#3b82f6', opacity: 0.3 },
      label('solid', 20, 150, 'Opacity 1', { color: '#0f172a' }),
      label('faint', 200, 150, 'Opacity 0.4', { color: '#0f172a', opacity: 0.4 }),
    ]),
  },
  {
    name: 'layer-visibility',
    description:
      'Only two shapes show: the green square (visible) and the amber circle that an override made visible; the hidden red square and the text hidden by an override draw nothing.',
    doc: card([
      { name: 'shown', type: 'rect', x: 30, y: 60, width: 100, height: 100, fill: '#22c55e' },
      { name: 'hidden', type: 'rect', x: 150, y: 60, width: 100, height: 100, fill: '#ef4444', visible: false },
      { name: 'revealed', type: 'ellipse', x: 270, y: 60, width: 100, height: 100, fill: '#f59e0b', visible: false },
      label('secret', 20, 180, 'You should not see this', { color: '#ef4444' }),
    ]),
    layers: { revealed: { visible: true }, secret: { visible: false } },
  },
  {
    name: 'layer-opacity-composited',
    description:
      'Over a white card with a blue band: left, an orange rounded rect at opacity 0.5 with a 12-px dark stroke and a hard dark shadow down-right — the stroke is one even tone (no darker inner half where it overlaps the fill) and the shadow shows only outside the rect, not through it. Right, "Ghost" in heavy orange at opacity 0.5 with a dark outline on a yellow highlight, one even tone per colour. Bottom right, the round logo with a large box shadow: no shadow in the transparent corners of its box.',
    doc: card(
      [
        { name: 'band', type: 'rect', x: 0, y: 100, width: 400, height: 40, fill: '#2563eb' },
        {
          name: 'box',
          type: 'rect',
          x: 20,
          y: 30,
          width: 120,
          height: 170,
          fill: '#f97316',
          cornerRadius: 12,
          opacity: 0.5,
          stroke: '#111827',
          strokeWidth: 12,
          shadow: { color: '#111827', blur: 0, offsetX: 16, offsetY: 16 },
        },
        label('ghost', 170, 40, 'Ghost', {
          width: 200,
          height: 70,
          fontSize: 52,
          fontWeight: 900,
          color: '#f97316',
          opacity: 0.5,
          stroke: '#111827',
          strokeWidth: 4,
          background: '#fde047',
          padding: 6,
        }),
        {
          name: 'logo',
          type: 'image',
          x: 290,
          y: 150,
          width: 72,
          height: 72,
          src: asset('logo-ring'),
          shadow: { color: 'rgba(17, 24, 39, 0.9)', blur: 8, offsetX: 4, offsetY: 4 },
        },
      ],
      { background: '#ffffff' },
    ),
    check: (result) => {
      // Inside the rect where the shadow lies under it: the fill over white at half opacity,
      // exactly as where there is no shadow under it.
      expectRgb(rgbAt(result.data, 120, 60), [252, 187, 139], 'fill over the shadow');
      expectRgb(rgbAt(result.data, 60, 60), [252, 187, 139], 'fill');
      // Inside the stroke's inner half (over the fill) and its outer half: one tone.
      expectRgb(rgbAt(result.data, 23, 60), rgbAt(result.data, 17, 60), 'stroke inner and outer halves');
      // The transparent corner of the logo's box shows the card, not the shadow.
      expectRgb(rgbAt(result.data, 292, 152), [255, 255, 255], 'transparent image corner');
    },
  },
  {
    name: 'export-scale-2',
    description:
      'A 200×120 badge rendered at scale 2 (400×240 pixels): crisp rounded indigo card, sharp text "2× export" and a logo.',
    doc: {
      version: 2,
      canvas: { width: 200, height: 120, background: '#eef2ff' },
      layers: [
        { name: 'card', type: 'rect', x: 10, y: 10, width: 180, height: 100, fill: '#4f46e5', cornerRadius: 18 },
        { name: 'logo', type: 'image', x: 24, y: 36, width: 48, height: 48, src: asset('logo-ring') },
        {
          name: 'title',
          type: 'text',
          x: 84,
          y: 36,
          width: 100,
          height: 48,
          text: '2× export',
          fontSize: 20,
          fontWeight: 800,
          color: '#ffffff',
          verticalAlign: 'middle',
        },
      ],
    },
    options: { scale: 2 },
    check: (result) => expect([result.width, result.height]).toEqual([400, 240]),
  },
];
