// Shapes and fills: rect, rounded rect, ellipse; colours and every gradient form; stroke
// and shadow.
import { expect } from 'vitest';
import { type GoldenCase, rgbAt } from '../harness';
import { card } from '../suite';

type L = Record<string, unknown>;
const shape = (
  type: 'rect' | 'ellipse',
  name: string,
  x: number,
  y: number,
  width: number,
  height: number,
  props: L = {},
): L => ({
  name,
  type,
  x,
  y,
  width,
  height,
  ...props,
});

const twoStops = (a: string, b: string) => [
  { offset: 0, color: a },
  { offset: 1, color: b },
];

export const shapeCases: GoldenCase[] = [
  {
    name: 'shapes-basic',
    description:
      'Top: an indigo square-cornered rect, a pink rect with 24-px corners, a teal pill (radius larger than half the height), an amber ellipse, a sky-blue circle. Bottom: the same outlines stroked only (transparent fill), 3 px.',
    doc: card([
      shape('rect', 'square', 10, 20, 70, 90, { fill: '#4f46e5' }),
      shape('rect', 'rounded', 88, 20, 70, 90, { fill: '#ec4899', cornerRadius: 24 }),
      shape('rect', 'pill', 166, 45, 70, 40, { fill: '#14b8a6', cornerRadius: 100 }),
      shape('ellipse', 'oval', 244, 20, 70, 90, { fill: '#f59e0b' }),
      shape('ellipse', 'circle', 322, 30, 70, 70, { fill: '#0ea5e9' }),
      shape('rect', 'square-outline', 10, 130, 70, 90, { fill: 'transparent', stroke: '#4f46e5', strokeWidth: 3 }),
      shape('rect', 'rounded-outline', 88, 130, 70, 90, {
        fill: 'transparent',
        stroke: '#ec4899',
        strokeWidth: 3,
        cornerRadius: 24,
      }),
      shape('rect', 'pill-outline', 166, 155, 70, 40, {
        fill: 'transparent',
        stroke: '#14b8a6',
        strokeWidth: 3,
        cornerRadius: 100,
      }),
      shape('ellipse', 'oval-outline', 244, 130, 70, 90, { fill: 'transparent', stroke: '#f59e0b', strokeWidth: 3 }),
      shape('ellipse', 'circle-outline', 322, 140, 70, 70, { fill: 'transparent', stroke: '#0ea5e9', strokeWidth: 3 }),
    ]),
  },
  {
    name: 'shapes-linear-gradients',
    description:
      'Structured linear gradients black→white at angle 0 (white at top), 90 (white at right), 135 (white bottom-right corner) and 180; below, CSS strings: "linear-gradient(135deg,#667eea,#764ba2)", "to right" with three stops at 0/20/100 %, and "to top" with rgba transparency over a stripe.',
    doc: card([
      ...[0, 90, 135, 180].map((angle, i) =>
        shape('rect', `linear-${angle}`, 10 + i * 97, 10, 90, 100, {
          fill: { type: 'linear', angle, stops: twoStops('#000000', '#ffffff') },
        }),
      ),
      shape('rect', 'css-seed', 10, 130, 120, 100, {
        fill: 'linear-gradient(135deg,#667eea,#764ba2)',
        cornerRadius: 12,
      }),
      shape('rect', 'css-stops', 140, 130, 120, 100, {
        fill: 'linear-gradient(to right, #ef4444 0%, #f59e0b 20%, #22c55e 100%)',
        cornerRadius: 12,
      }),
      shape('rect', 'stripe', 270, 170, 120, 20, { fill: '#0f172a' }),
      shape('rect', 'css-alpha', 270, 130, 120, 100, {
        fill: 'linear-gradient(to top, rgba(236, 72, 153, 1), rgba(236, 72, 153, 0))',
        cornerRadius: 12,
      }),
    ]),
  },
  {
    name: 'shapes-radial-gradients',
    description:
      'Radial gradients: white→navy centred in a rect; centred at (0.2, 0.2) with radius 0.6 (white spot top-left, navy beyond); in an ellipse; CSS "radial-gradient(circle at top left, #fde047, #ea580c)"; and a glow fading to transparent over a dark square.',
    doc: card([
      shape('rect', 'centre', 10, 10, 120, 100, { fill: { type: 'radial', stops: twoStops('#ffffff', '#1e3a8a') } }),
      shape('rect', 'offset', 140, 10, 120, 100, {
        fill: { type: 'radial', cx: 0.2, cy: 0.2, radius: 0.6, stops: twoStops('#ffffff', '#1e3a8a') },
      }),
      shape('ellipse', 'in-ellipse', 270, 10, 120, 100, {
        fill: { type: 'radial', stops: twoStops('#f0abfc', '#7e22ce') },
      }),
      shape('rect', 'css-radial', 10, 130, 185, 100, {
        fill: 'radial-gradient(circle at top left, #fde047, #ea580c)',
        cornerRadius: 16,
      }),
      shape('rect', 'dark', 205, 130, 185, 100, { fill: '#0f172a', cornerRadius: 16 }),
      shape('ellipse', 'glow', 225, 140, 145, 80, {
        fill: 'radial-gradient(circle, rgba(56, 189, 248, 0.9), rgba(56, 189, 248, 0) 45%)',
      }),
    ]),
  },
  {
    name: 'shapes-css-gradient-semantics',
    description:
      'CSS gradient rules on wide boxes. Top left: "to top right" black→white on a 180×60 box — black exactly in the bottom-left corner, white exactly in the top-right, the mid grey along the other diagonal (not a 45° band). Top right: default "radial-gradient(#fde047, #7c3aed)" on 180×60 — an ellipse as wide as the box, yellow centre. Bottom left: "linear-gradient(to right, #2563eb, transparent 50%, #16a34a)" over a dark stripe — blue fading out to the middle and green fading in, with no grey haze in between. Bottom right: "radial-gradient(circle closest-side, #f43f5e, #fde68a)" — a circle whose radius is half the box height, flat pale yellow beyond it.',
    doc: card([
      shape('rect', 'corner', 10, 20, 180, 60, { fill: 'linear-gradient(to top right, #000000, #ffffff)' }),
      shape('rect', 'ellipse-default', 210, 20, 180, 60, { fill: 'radial-gradient(#fde047, #7c3aed)' }),
      shape('rect', 'stripe', 10, 150, 180, 20, { fill: '#0f172a' }),
      shape('rect', 'transparent-stop', 10, 120, 180, 80, {
        fill: 'linear-gradient(to right, #2563eb, transparent 50%, #16a34a)',
      }),
      shape('rect', 'closest-side', 210, 120, 180, 80, {
        fill: 'radial-gradient(circle closest-side, #f43f5e, #fde68a)',
      }),
    ]),
    check: (result) => {
      const at = (x: number, y: number) => rgbAt(result.data, x, y);
      // "to top right" on 180×60: the corners hold the end colours.
      expect(at(11, 78)[0]).toBeLessThan(20);
      expect(at(188, 21)[0]).toBeGreaterThan(235);
      // The default radial is an ellipse: the same colour 80 px right of the centre as
      // 80 × 60/180 ≈ 27 px below it... within the box, 26 px below (top edge at 20).
      const right = at(300 + 80, 50);
      const below = at(300, 50 + Math.round((80 * 30) / 90));
      for (let i = 0; i < 3; i++) expect(Math.abs((right[i] ?? 0) - (below[i] ?? 0))).toBeLessThanOrEqual(6);
      // Halfway between blue and transparent over the light card: a lighter blue, not grey.
      const [r, g, b] = at(55, 130);
      expect(b ?? 0).toBeGreaterThan((r ?? 0) + 60);
      expect(g ?? 0).toBeGreaterThan(120);
    },
  },
  {
    name: 'shapes-stroke-shadow',
    description:
      'Strokes of 1, 4 and 10 px centred on the edge of white rounded rects; a card with a soft shadow below it; an ellipse with a hard offset shadow (no blur) down-right; a gradient-filled rect with a coloured glow.',
    doc: card([
      ...[1, 4, 10].map((w, i) =>
        shape('rect', `stroke-${w}`, 15 + i * 80, 20, 60, 60, {
          fill: '#ffffff',
          stroke: '#0f172a',
          strokeWidth: w,
          cornerRadius: 10,
        }),
      ),
      shape('rect', 'card', 260, 20, 120, 70, {
        fill: '#ffffff',
        cornerRadius: 14,
        shadow: { color: 'rgba(15, 23, 42, 0.35)', blur: 18, offsetX: 0, offsetY: 10 },
      }),
      shape('ellipse', 'hard-shadow', 30, 130, 120, 80, {
        fill: '#facc15',
        stroke: '#0f172a',
        strokeWidth: 3,
        shadow: { color: '#0f172a', blur: 0, offsetX: 8, offsetY: 8 },
      }),
      shape('rect', 'glow', 220, 140, 140, 70, {
        fill: 'linear-gradient(90deg, #6366f1, #ec4899)',
        cornerRadius: 35,
        shadow: { color: 'rgba(236, 72, 153, 0.7)', blur: 24, offsetX: 0, offsetY: 0 },
      }),
    ]),
  },
];
