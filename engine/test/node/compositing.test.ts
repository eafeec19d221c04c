// Translucent layers that overlap themselves are drawn opaque on a scratch surface and
// composited once. The surface covers everything the layer draws, and one surface serves
// every such layer of a render.
import { createCanvas } from '@napi-rs/canvas';
import { parseTemplate } from '@layercast/shared';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { type LayerSurfaceFactory, layoutTemplate, paintScene } from '../../src/index';
import { nodeLayoutEnv } from '../../src/node/index';
import { renderTemplate } from '../../src/node/render';

function doc(input: unknown) {
  const parsed = parseTemplate(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

/** Pixels that are not the white background. */
async function inked(png: Buffer, x0: number, x1: number): Promise<number> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * info.width + x) * info.channels;
      if (data[i] !== 255 || data[i + 1] !== 255 || data[i + 2] !== 255) n++;
    }
  }
  return n;
}

describe('composited translucent layers', () => {
  it('use one scratch surface for all of a scene’s translucent layers', () => {
    const layers = Array.from({ length: 30 }, (_, i) => ({
      name: `r${i}`,
      type: 'rect',
      x: i * 10,
      y: i * 5,
      width: 200 + i * 10,
      height: 120,
      fill: '#f97316',
      stroke: '#111827',
      strokeWidth: 4,
      opacity: 0.5,
    }));
    const scene = layoutTemplate(doc({ version: 2, canvas: { width: 800, height: 400 }, layers }), {}, nodeLayoutEnv());
    let made = 0;
    const factory: LayerSurfaceFactory = (w, h) => {
      made++;
      return createCanvas(w, h);
    };
    const canvas = createCanvas(800, 400);
    paintScene(canvas.getContext('2d') as unknown as CanvasRenderingContext2D, scene, new Map(), {
      layerSurfaces: factory,
    });
    expect(made).toBe(1);
  });

  it('keep all of a highlight whose line box is taller than the layer', async () => {
    const text = (name: string, x: number, opacity: number) => ({
      name,
      type: 'text',
      x,
      y: 120,
      width: 170,
      height: 50,
      text: 'Sale',
      fontSize: 40,
      lineHeight: 3,
      background: '#ff0000',
      color: '#000000',
      opacity,
      verticalAlign: 'middle',
    });
    const card = doc({
      version: 2,
      canvas: { width: 400, height: 300, background: '#ffffff' },
      layers: [text('half', 20, 0.5), text('full', 210, 1)],
    });
    const { data } = await renderTemplate(card, {}, { format: 'png' });
    // The 120-px line box overflows the 50-px layer; both copies cover the same pixels.
    expect(await inked(data, 0, 200)).toBe(await inked(data, 200, 400));
  });
});
