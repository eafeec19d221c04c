// SVG image layers on the server: rasterised by resvg at the size they are drawn, then
// painted like any bitmap (objectFit, radius, opacity).
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TemplateDocument, type TemplateDocumentInput, parseTemplate } from '@layercast/shared';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createImageLoader } from '../../src/node/images';
import { renderTemplate } from '../../src/node/render';

const LOGO = readFileSync(join(import.meta.dirname, '../fixtures/svg/logo.svg'));
const svgUrl = (svg: string | Buffer) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const OUT = mkdtempSync(join(tmpdir(), 'layercast-svg-'));

function template(input: Omit<TemplateDocumentInput, 'version'>): TemplateDocument {
  const parsed = parseTemplate({ version: 3, ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  at(x: number, y: number): [number, number, number, number];
}

async function render(doc: TemplateDocument, name: string, scale = 1) {
  const result = await renderTemplate(doc, {}, { scale, loadImage: createImageLoader() });
  writeFileSync(join(OUT, `${name}.png`), result.data);
  const { data, info } = await sharp(result.data).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const pixels: Pixels = {
    data,
    width: info.width,
    height: info.height,
    at(x, y) {
      const i = (Math.round(y) * info.width + Math.round(x)) * 4;
      return [data[i] ?? -1, data[i + 1] ?? -1, data[i + 2] ?? -1, data[i + 3] ?? -1];
    },
  };
  return { result, pixels };
}

const near = (actual: number[], expected: number[], tolerance = 3) =>
  actual.every((v, i) => Math.abs(v - (expected[i] ?? 0)) <= tolerance);

describe('SVG image layers', () => {
  it('draws an SVG logo where layout fits it, in its colours', async () => {
    // 120×40 logo contained in a 360×160 box: drawn 360×120 at y 20..140 (3× its size).
    const doc = template({
      canvas: { width: 400, height: 200, background: '#ffffff' },
      layers: [
        { type: 'image', name: 'logo', x: 20, y: 20, width: 360, height: 160, src: svgUrl(LOGO), objectFit: 'contain' },
      ],
    });
    const { result, pixels } = await render(doc, 'logo');
    expect(result.diagnostics.layers.logo).toEqual({ type: 'image', loaded: true });
    const at = (lx: number, ly: number) => pixels.at(20 + lx * 3, 40 + ly * 3);
    expect(at(8, 20)).toEqual([220, 38, 38, 255]); // red square, left of the white triangle
    expect(at(60, 20)).toEqual([37, 99, 235, 255]); // blue circle's centre
    expect(at(60, 2)).toEqual([255, 255, 255, 255]); // above the circle
    expect(at(88, 8)).toEqual([22, 163, 74, 255]); // gradient square (clip path)
    expect(at(100, 30)).toEqual([255, 255, 255, 255]); // the <use> copy of the triangle
    expect(at(81, 1)).toEqual([255, 255, 255, 255]); // cut by the clip path's rounded corner
    expect(pixels.at(200, 30)).toEqual([255, 255, 255, 255]); // contain: the band above the logo
  });

  it('rasterises at the drawn size × scale: edges stay crisp at scale 4, not an upscaled blur', async () => {
    // 24×24 intrinsic, drawn 96×96 at scale 4: 16 device pixels per SVG unit.
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><rect width="24" height="24" fill="#fff"/>' +
      '<rect x="0" y="0" width="11.5" height="24" fill="#000"/><circle cx="18" cy="12" r="5" fill="#000"/></svg>';
    const doc = template({
      canvas: { width: 128, height: 128, background: '#ffffff' },
      layers: [{ type: 'image', name: 'icon', x: 16, y: 16, width: 96, height: 96, src: svgUrl(svg) }],
    });
    const { pixels } = await render(doc, 'crisp-4x', 4);
    expect([pixels.width, pixels.height]).toEqual([512, 512]);
    // Across the rect's right edge (x = 11.5 units = 64 + 184 device px) on the middle row.
    const row = 256;
    const grey: number[] = [];
    for (let x = 64 + 150; x < 64 + 220; x++) {
      const [r] = pixels.at(x, row);
      if (r > 8 && r < 247) grey.push(x);
    }
    // A raster of the 24 px SVG scaled 16× would ramp over ~16 pixels; at the drawn size it is one.
    expect(grey.length).toBeLessThanOrEqual(1);
    expect(pixels.at(64 + 183, row)[0]).toBeLessThan(8);
    expect(pixels.at(64 + 185, row)[0]).toBeGreaterThan(247);
    // The circle's left edge (x = 13 units) is a single anti-aliased step too.
    const circle: number[] = [];
    for (let x = 64 + 200; x < 64 + 216; x++) {
      const [r] = pixels.at(x, 64 + 12 * 16);
      if (r > 8 && r < 247) circle.push(x);
    }
    expect(circle.length).toBeLessThanOrEqual(2);
  });

  it('paints the raster like any bitmap: contain with a radius and opacity, cover, fill, background', async () => {
    const square =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="5" height="10" fill="#f00"/><rect x="5" width="5" height="10" fill="#00f"/></svg>';
    const backdrop = square.replace('#f00', '#0f0').replace('#00f', '#ff0');
    const doc = template({
      canvas: { width: 300, height: 100, background: '#000000', backgroundImage: svgUrl(backdrop) },
      layers: [
        // contain in 100×60: 60×60 centred (x 20..80), corners cut by the radius.
        {
          type: 'image',
          name: 'contain',
          x: 0,
          y: 20,
          width: 100,
          height: 60,
          src: svgUrl(square),
          objectFit: 'contain',
          borderRadius: 30,
          opacity: 0.5,
        },
        // cover in 100×20: the middle band of the square, scaled to 100 wide.
        { type: 'image', name: 'cover', x: 100, y: 0, width: 100, height: 20, src: svgUrl(square), objectFit: 'cover' },
      ],
    });
    const { result, pixels } = await render(doc, 'fits');
    expect(result.diagnostics.background).toEqual({ type: 'image', loaded: true });
    // Background: cover of a square on 300×100 → the middle band; left half green, right yellow.
    expect(pixels.at(10, 5)).toEqual([0, 255, 0, 255]);
    expect(pixels.at(290, 95)).toEqual([255, 255, 0, 255]);
    // Contain with opacity 0.5 over the green: its red half and its blue half.
    expect(near(pixels.at(30, 50), [128, 127, 0, 255])).toBe(true);
    expect(near(pixels.at(70, 50), [0, 127, 128, 255])).toBe(true);
    // A corner of the contained square cut by the radius shows the background alone.
    expect(pixels.at(20, 20)).toEqual([0, 255, 0, 255]);
    expect(near(pixels.at(25, 40), [128, 127, 0, 255])).toBe(true);
    // Cover: 100..150 red, 150..200 blue.
    expect(pixels.at(120, 10)).toEqual([255, 0, 0, 255]);
    expect(pixels.at(180, 10)).toEqual([0, 0, 255, 255]);
  });

  it('takes its size from the viewBox when width and height are missing', async () => {
    const loaded = await createImageLoader()(
      svgUrl('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"><rect width="300" height="150"/></svg>'),
    );
    expect([loaded.width, loaded.height]).toEqual([300, 150]);
  });
});
